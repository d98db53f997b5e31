// `passnum start` as systemd runs it (startServer: its schedules, its SIGTERM handler), with the
// expiry job started at once, as the 03:00 schedule starts it, for test/ops-graceful-stop.test.ts.
// Run with: node --import tsx test/helpers/start-with-job.ts
import { startServer } from '../../src/cli/start.ts';
import { runJobs } from '../../src/jobs/registry.ts';

const { deps } = await startServer({ demo: false });
void runJobs(deps, ['expiry', 'claims']);
