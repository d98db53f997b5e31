import { assertProductionReady, loadConfig } from '../config.ts';
import { createServer } from '../composition.ts';
import { DEMO_LOGINS, isDemoSeeded, seedDemo } from '../usecases/demo/seed-demo.ts';
import { parisDateTimeLabel } from '../domain/redemption-refusal.ts';
import { startStatsFolding } from '../jobs/fold-stats.ts';
import { runJobs } from '../jobs/registry.ts';
import { startDailyJobs } from '../jobs/schedule.ts';
import { startReminderRounds } from '../jobs/reminder-rounds.ts';
import { ensureWebBuilt } from './build-web.ts';

export async function startServer(opts: { demo: boolean }): Promise<void> {
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
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/`;
  console.log(`\npassnum est prêt : ${url}  (base : ${deps.dialect})`);
  console.log(`Documentation de l’API : ${url}api/docs`);
  // Daily jobs (expiry…) at 03:00 Paris time for the embedded setup; each run takes its DB lock.
  const jobs = startDailyJobs(deps, { log: (r) => (r instanceof Error ? app.log.error({ err: r }, 'daily jobs failed') : app.log.info({ jobs: r }, 'daily jobs')) });
  console.log(`Tâches quotidiennes (passnum jobs:run all) : prochaine exécution le ${parisDateTimeLabel(jobs.next().toISOString())} (heure de Paris)`);
  // Reminders also go out in rounds during the day (9:00–19:00 Paris), not only with the 03:00 run.
  // The dashboards' pending changes are folded into their aggregates every minute.
  const statsFolding = startStatsFolding(() => runJobs(deps, ['stats']).catch((error: Error) => app.log.error({ err: error }, 'stats fold failed')));
  const reminderRounds = startReminderRounds(deps, { log: (r) => (r instanceof Error ? app.log.error({ err: r }, 'reminders failed') : app.log.info({ jobs: r }, 'reminders')) });
  if (config.env !== 'production' && (await isDemoSeeded(deps))) {
    console.log(`\nComptes de démonstration (mot de passe : ${config.demoPassword}) :`);
    for (const l of DEMO_LOGINS) console.log(`  - ${l.email.padEnd(40)} ${l.role}`);
  }
  const stop = async () => {
    jobs.stop();
    reminderRounds.stop();
    statsFolding.stop();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
