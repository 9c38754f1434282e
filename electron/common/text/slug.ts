/**
 * German transliteration as WordPress's remove_accents() does it for de_* locales, followed by the
 * steps of sanitize_title_with_dashes(), so a slug Kladde makes is the slug WordPress would make.
 */
const GERMAN: Record<string, string> = {
  Ä: 'Ae', ä: 'ae', Ö: 'Oe', ö: 'oe', Ü: 'Ue', ü: 'ue', ß: 'ss', ẞ: 'SS',
};

export function transliterateGerman(text: string): string {
  return text
    .replace(/[ÄäÖöÜüßẞ]/g, (c) => GERMAN[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/Æ/g, 'AE').replace(/æ/g, 'ae').replace(/Ø/g, 'O').replace(/ø/g, 'o')
    .replace(/Œ/g, 'OE').replace(/œ/g, 'oe').replace(/Ð/g, 'D').replace(/ð/g, 'd')
    .replace(/Þ/g, 'TH').replace(/þ/g, 'th').replace(/Ł/g, 'L').replace(/ł/g, 'l')
    .replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/ı/g, 'i');
}

export function slugify(title: string): string {
  return transliterateGerman(title)
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z0-9#]+;/g, '')
    .replace(/[\u2013\u2014\u00a0]/g, '-')
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 180)
    .replace(/-$/, '');
}
