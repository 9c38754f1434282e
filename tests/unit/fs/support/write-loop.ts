// Child process for atomic-write.test.ts: saves the two versions in turn, forever, until it is killed.
import { writeFileAtomic } from '../../../../electron/main/fs/atomic-write.js';
import { version } from './versions.js';

const target = process.argv[2];
if (!target) throw new Error('usage: write-loop.ts <file>');
const contents = [version('B'), version('A')];
process.stdout.write('bereit\n');
for (let i = 0; ; i++) {
  await writeFileAtomic(target, contents[i % 2] ?? '');
  process.stdout.write('geschrieben\n');
}
