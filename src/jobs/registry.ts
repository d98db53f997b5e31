import type { Deps } from '../usecases/support/deps.ts';
import { assembleClaims } from './assemble-claims.ts';
import { sendMonthlyClaimSummaries } from '../usecases/reimbursement/monthly-claim-summary.ts';
import { expireTickets } from './expire-tickets.ts';
import { remindersJob } from './reminders.ts';
import { anonymiseJob } from './anonymise.ts';
import { foldStatsJob } from './fold-stats.ts';
import { backupJob } from './backup.ts';
import { runJob, type JobDefinition, type JobOutcome, type RunOptions } from './run-job.ts';

/**
 * Every daily job, by the name `passnum jobs:run <name>` takes, in the order `all` runs them.
 * Add one line per job.
 */
export const JOBS: Record<string, JobDefinition> = {
  // First: if a later job goes wrong, the copy from just before it is there.
  backup: { description: 'Sauvegarde la base dans PASSNUM_BACKUP_DIR (chiffrée si PASSNUM_BACKUP_KEY_FILE), puis garde 7 quotidiennes, 4 hebdomadaires, 12 mensuelles', run: backupJob },
  expiry: { description: 'Passe à « expiré » les tickets non utilisés après leur date de validité', run: expireTickets },
  claims: {
    description: 'Regroupe les tickets utilisés et non encore demandés en demandes de remboursement mensuelles (brouillons), puis envoie une fois par mois au service financier le récapitulatif du mois écoulé avec un point de contrôle du journal d’audit',
    run: async (deps) => {
      const { claimIds, ...counts } = await assembleClaims(deps);
      const { sent } = await sendMonthlyClaimSummaries(deps);
      return { ...counts, claims: claimIds.length, summaries: sent };
    },
  },
  reminders: { description: 'Prépare et envoie les rappels (séance réservée dans 2 jours, tickets inutilisés qui expirent dans 30 jours)', run: remindersJob },
  stats: { description: 'Regroupe les changements en attente des tableaux de bord dans leurs agrégats (toutes les minutes avec npm start)', run: foldStatsJob, frequent: true },
  anonymise: { description: 'Anonymise les personnes sans contact depuis la durée de conservation (24 mois par défaut) ; les statistiques restent', run: anonymiseJob },
};

/** Runs the named jobs (or all of them, in registry order), each under its lock. */
export async function runJobs(deps: Deps, names: string[] | 'all', opts: RunOptions = {}): Promise<JobOutcome[]> {
  const list = names === 'all' ? Object.keys(JOBS) : names;
  const unknown = list.find((n) => !JOBS[n]);
  if (unknown) throw new Error(`Tâche inconnue : ${unknown}. Tâches disponibles : ${Object.keys(JOBS).join(', ')}, all.`);
  const outcomes: JobOutcome[] = [];
  for (const name of list) outcomes.push(await runJob(deps, name, JOBS[name], opts));
  return outcomes;
}
