/**
 * A file size for people: „48,2 MB“, „312 kB“ (decimal units, as file managers and upload limits name them),
 * formatted for the UI language.
 */
export function formatBytes(bytes: number, language: string): string {
  const [unit, value] = bytes >= 1_000_000 ? (['megabyte', bytes / 1_000_000] as const) : (['kilobyte', bytes / 1000] as const);
  return new Intl.NumberFormat(language, { style: 'unit', unit, maximumFractionDigits: value >= 100 ? 0 : 1 }).format(value);
}
