/**
 * Manual use: `node --import tsx tests/support/wordpress/cli.ts start` starts a WordPress that keeps running and
 * prints its address and credentials; `… stop` stops every server started this way.
 */
import { startWordPress, stopKeptWordPressServers } from './index.js';

async function main(command: string | undefined): Promise<void> {
  if (command === 'start') {
    const server = await startWordPress({ keepRunning: true });
    const { baseUrl, restRoot, user, password, appPassword, instanceDir, startup } = server;
    process.stdout.write(`${JSON.stringify({ baseUrl, restRoot, user, password, appPassword, instanceDir, startup }, null, 2)}\n`);
    return;
  }
  if (command === 'stop') {
    const count = await stopKeptWordPressServers();
    process.stdout.write(`stopped ${count} WordPress server(s)\n`);
    return;
  }
  process.stderr.write('usage: node --import tsx tests/support/wordpress/cli.ts start|stop\n');
  process.exitCode = 2;
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
