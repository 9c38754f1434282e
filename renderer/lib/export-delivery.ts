import { downloadUrl } from './api';

/** Saves a web host export through the browser's download (the file name comes from the server). */
export function startDownload(downloadToken: string): void {
  const link = document.createElement('a');
  link.href = downloadUrl(downloadToken);
  link.download = '';
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * Opens an exported page in a new tab and calls the browser's print dialog there (its `@media print` rules make
 * the PDF). The page itself runs no script: this tab calls print() on it, which works because it is same-origin.
 * False when the browser blocked the tab (then a click on a button tries again).
 */
export function openPrintView(downloadToken: string): boolean {
  const tab = window.open(downloadUrl(downloadToken, true), '_blank');
  if (!tab) return false;
  // The initial blank document's window is kept for a same-origin page, so this listener sees the page load.
  tab.addEventListener('load', () => tab.print(), { once: true });
  return true;
}

/** A file size as people read it: „850 Bytes“, „12,4 KB“, „3,1 MB“ (German) or with a decimal point (English). */
export function formatSize(bytes: number, language: 'de' | 'en'): string {
  const locale = language === 'de' ? 'de-DE' : 'en-GB';
  if (bytes < 1024) return `${new Intl.NumberFormat(locale).format(bytes)} Bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}
