import { createServer } from 'node:http';
import { createSite } from './site.js';

/**
 * The test site as its own process (started by index.ts): `--port` (0 for any free one) and `--dir` for the
 * folder store. Prints a line `listening <port>` when ready. @benjifs/micropub logs every request on stdout;
 * the parent sends that into a log file, not into the test output.
 */
const args = new Map<string, string>();
for (let i = 2; i + 1 < process.argv.length; i += 2) args.set(process.argv[i] ?? '', process.argv[i + 1] ?? '');
const dir = args.get('--dir');
if (!dir) throw new Error('--dir is required');
const wanted = Number(args.get('--port') ?? '0');

let handler: ReturnType<typeof createSite> | null = null;
const server = createServer((req, res) => handler?.(req, res));
server.listen(wanted, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : wanted;
  handler = createSite(`http://127.0.0.1:${port}`, dir);
  process.stdout.write(`\nlistening ${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
