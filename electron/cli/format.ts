import path from 'node:path';
import type { CliContext } from './context.js';

/** The one JSON document of a `--json` run; `ok` is true exactly when the exit code is 0. */
export function writeJson(ctx: CliContext, document: { ok: boolean } & Record<string, unknown>): void {
  ctx.io.out(JSON.stringify(document, null, 2) + '\n');
}

/** A line for people: stdout, and nothing at all in `--json` mode (stdout then holds only the document). */
export function line(ctx: CliContext, text: string): void {
  if (!ctx.json) ctx.io.out(text + '\n');
}

/** A note about the run itself (progress, hints): stderr, also quiet in `--json` mode. */
export function note(ctx: CliContext, text: string): void {
  if (!ctx.json) ctx.io.err(text + '\n');
}

/** A file as editors and terminals jump to it: relative to the working folder when inside it, with `:line`. */
export function location(ctx: CliContext, file: string, lineNumber: number | null): string {
  const relative = path.relative(ctx.io.cwd, file);
  const shown = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
  return lineNumber === null ? shown : `${shown}:${lineNumber}`;
}

/** Text columns padded to their widest cell (by code points, so umlauts count once). */
export function table(rows: readonly (readonly string[])[]): string[] {
  const width = (s: string) => [...s].length;
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell))))
      .join('  ')
      .trimEnd(),
  );
}

/** Shortens a text to `max` code points with an ellipsis. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}
