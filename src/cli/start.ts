import { assertProductionReady, loadConfig } from '../config.ts';
import { createServer } from '../composition.ts';
import { DEMO_LOGINS, isDemoSeeded, seedDemo } from '../demo/seed-demo.ts';
import { parisDateTimeLabel } from '../domain/redemption-refusal.ts';
import { startStatsFolding } from '../jobs/fold-stats.ts';
import { runJobs } from '../jobs/registry.ts';
import { stopJobs } from '../jobs/run-job.ts';
import { startDailyJobs } from '../jobs/schedule.ts';
import { startReminderRounds } from '../jobs/reminder-rounds.ts';
import { ensureWebBuilt } from './build-web.ts';
import { serveMetrics } from '../http/metrics.ts';
import { log } from '../logging.ts';


export async function startServer(opts: { demo: boolean }) {
  const config = loadConfig();
  assertProductionReady(config);
  await ensureWebBuilt();
  const { app, deps } = await createServer(config, { logger: true });
  if (config.env === 'production') {
    if (await isDemoSeeded(deps)) {
      throw new Error('Refus de démarrer en production : des comptes de démonstration existent dans la base.');
    }
  } else if (opts.demo) {
    const { seeded } = await seedDemo(deps);
    if (seeded) console.log('Données de démonstration installées (CALL, 36 communes).');
  }
  // While stopping, each response closes its connection: a keep-alive connection busy when the stop
  // began would otherwise stay open (Fastify keeps them 72 s) and hold the stop back.
  let stopping = false;
  app.addHook('onSend', async (_request, reply) => {
    if (stopping) void reply.header('connection', 'close');
  });
  await app.listen({ port: config.port, host: config.host });
  // /metrics on its own address (no token): for a monitoring network the public never reaches.
  const metricsServer = config.metricsPort === undefined ? null : await serveMetrics(app, config.metricsHost, config.metricsPort);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/`;
  console.log(`\npassnum est prêt : ${url}  (base : ${deps.dialect})`);
  console.log(`Documentation de l’API : ${url}api/docs`);
  // Daily jobs (expiry…) at 03:00 Paris time for the embedded setup; each run takes its DB lock.
  // Each job logs its own run (module `jobs`); what reaches here is a failure to run them at all.
  const jobs = startDailyJobs(deps, { log: (r) => r instanceof Error && log('jobs').error({ err: r }, 'daily jobs failed') });
  console.log(`Tâches quotidiennes (passnum jobs:run all) : prochaine exécution le ${parisDateTimeLabel(jobs.next().toISOString())} (heure de Paris)`);
  // Reminders also go out in rounds during the day (9:00–19:00 Paris), not only with the 03:00 run.
  // The dashboards' pending changes are folded into their aggregates every minute.
  const statsFolding = startStatsFolding(() => runJobs(deps, ['stats']).catch((error: Error) => log('jobs').error({ err: error }, 'stats fold failed')));
  const reminderRounds = startReminderRounds(deps, { log: (r) => r instanceof Error && log('jobs').error({ err: r }, 'reminders failed') });
  if (config.env !== 'production' && (await isDemoSeeded(deps))) {
    console.log(`\nComptes de démonstration (mot de passe : ${config.demoPassword}) :`);
    for (const l of DEMO_LOGINS) console.log(`  - ${l.email.padEnd(40)} ${l.role}`);
  }
  if (!config.backupDir) console.log('Sauvegardes quotidiennes : désactivées (définissez PASSNUM_BACKUP_DIR, voir docs/operations.md).');
  // Graceful stop (systemd sends SIGTERM): the server stops accepting connections, requests in
  // flight finish (each redemption's transaction commits or rolls back whole), a running job
  // finishes or stops at its next safe point (run-job.ts), then the database is closed (SQLite: last
  // checkpoint, WAL removed). Bounded: after the grace period, exit anyway.
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal, graceMs: config.shutdownTimeoutMs }, 'stopping: no new connections, finishing the requests in flight');
    jobs.stop();
    reminderRounds.stop();
    statsFolding.stop();
    // At once, while the requests finish; the database closes after both (composition.ts). A second
    // less than the grace, so that a job still running is named in the log before the forced exit.
    void stopJobs(deps.db, Math.max(0, config.shutdownTimeoutMs - 1_000));
    const force = setTimeout(() => {
      console.error(`passnum : des requêtes ou une tâche duraient encore après ${config.shutdownTimeoutMs} ms ; arrêt forcé.`);
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    metricsServer?.close();
    setInterval(() => app.server.closeIdleConnections(), 100).unref();
    app.close().then(
      () => {
        console.log('passnum arrêté proprement (requêtes et tâches en cours terminées, base fermée).');
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return { app, deps };
}
