import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PDFTOTEXT = '/usr/bin/pdftotext';

/** The text of a PDF as poppler's pdftotext reads it; fails with the package to install when it is missing. */
export async function pdfText(file: string): Promise<string> {
  if (!existsSync(PDFTOTEXT)) {
    throw new Error(`pdftotext fehlt unter ${PDFTOTEXT}: bitte „apt-get install -y poppler-utils“ ausführen.`);
  }
  const { stdout } = await run(PDFTOTEXT, ['-enc', 'UTF-8', file, '-']);
  return stdout;
}
