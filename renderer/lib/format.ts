/** Dates in the UI as a German reader expects them: „3. Januar 2013“. */
export function formatPostDate(value: string, language: 'de' | 'en'): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)/.exec(value);
  if (!m) return value;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}
