// A second app process for the multi-process tests: serves the API on a database the test names
// (DATABASE_URL + PASSNUM_PG_SCHEMA, or PASSNUM_SQLITE_PATH), prints "LISTENING <port>" and stays
// up until SIGTERM. Run with: node --import tsx test/helpers/serve-app.ts
import { loadConfig } from '../../src/config.ts';
import { createDeps } from '../../src/composition.ts';
import { createDatabase } from '../../src/db/database.ts';
import { buildApp } from '../../src/http/app.ts';

const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
const handle = createDatabase({
  databaseUrl: config.databaseUrl,
  sqlitePath: process.env.PASSNUM_SQLITE_PATH ?? ':memory:',
  pgSchema: process.env.PASSNUM_PG_SCHEMA,
  poolSize: 20,
});
const app = await buildApp(createDeps(config, handle), { serveWeb: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`LISTENING ${typeof address === 'object' && address ? address.port : ''}`);
const stop = async () => {
  await app.close();
  await handle.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
