// The app server the load generator talks to, in its own process: built exactly as `passnum start`
// builds it (createServer: same config, logger, pool), minus the web bundle and the demo. The only
// addition is the framework floor, GET /bench/noop, registered here and never in production routes.
// Request logs go to stdout as in production (the bench points it at /dev/null); "LISTENING <port>"
// goes to stderr once it listens. Stops on SIGTERM.
import { loadConfig } from '../src/config.ts';
import { createServer } from '../src/composition.ts';

const config = loadConfig();
const { app } = await createServer(config, { logger: true, serveWeb: false });
app.get('/bench/noop', async () => ({ ok: true }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stderr.write(`LISTENING ${typeof address === 'object' && address ? address.port : ''}\n`);
const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
