import { KladdeError } from '../../common/result.js';

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** Whether an error means "nothing there": the post vanished or never was one. */
export function isMissing(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Why a post's file could not be read, as the short reason the library list shows beside it, or null when
 * the post simply is not there (vanished while listing, or a folder without `index.md`).
 */
export function readProblem(error: unknown): string | null {
  if (error instanceof KladdeError) return error.message;
  switch (codeOf(error)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return null;
    case 'EACCES':
    case 'EPERM':
      return 'nicht lesbar (keine Berechtigung)';
    case 'ELOOP':
      return 'nicht lesbar (Verknüpfungen im Kreis)';
    case 'ENAMETOOLONG':
      return 'nicht lesbar (Name zu lang für das Dateisystem)';
    case 'EISDIR':
      return 'nicht lesbar („index.md“ ist ein Ordner)';
    case 'EIO':
      return 'nicht lesbar (Lesefehler des Datenträgers)';
    case 'EMFILE':
    case 'ENFILE':
      return 'nicht lesbar (zu viele offene Dateien, bitte neu laden)';
    default:
      return `nicht lesbar (${codeOf(error) ?? 'unbekannter Fehler'})`;
  }
}

/**
 * The error to report when opening or saving a post's file failed: `not-found` only when it is really gone,
 * `unreadable` with the reason otherwise (a file without permission is not "not found").
 */
export function fileProblem(error: unknown, id: string): KladdeError {
  if (error instanceof KladdeError) return error;
  const reason = readProblem(error);
  if (reason === null) return new KladdeError('not-found', `Beitrag „${id}“ wurde nicht gefunden`);
  return new KladdeError('unreadable', `Beitrag „${id}“ ist ${reason}`);
}
