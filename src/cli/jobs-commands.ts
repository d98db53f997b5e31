import type { Command } from 'commander';
import { JOBS, runJobs } from '../jobs/registry.ts';
import type { JobOutcome } from '../jobs/run-job.ts';
import { withDeps } from './main.ts';

export function describeOutcome(o: JobOutcome): string {
  if (o.status === 'done') return `✔ ${o.name} : terminée — ${JSON.stringify(o.summary)}`;
  if (o.status === 'skipped') return o.reason === 'stopping' ? `• ${o.name} : non lancée, arrêt en cours.` : `• ${o.name} : déjà en cours sur une autre instance, ignorée.`;
  return `✘ ${o.name} : échec — ${o.error}`;
}

export function registerJobsCommands(program: Command): void {
  program
    .command('jobs:run')
    .argument('<name>', `tâche à lancer : ${[...Object.keys(JOBS), 'all'].join(' | ')}`)
    .description('Lance une tâche quotidienne (idempotente, verrouillée en base : sans risque sur plusieurs instances)')
    .addHelpText('after', `\nTâches :\n${Object.entries(JOBS).map(([n, j]) => `  ${n.padEnd(12)} ${j.description}`).join('\n')}\n  all          toutes, dans cet ordre`)
    .action(async (name: string) => {
      const outcomes = await withDeps((deps) => runJobs(deps, name === 'all' ? 'all' : [name]));
      for (const o of outcomes) console.log(describeOutcome(o));
      if (outcomes.some((o) => o.status === 'failed')) process.exitCode = 1;
    });
}
