import { findUserByEmail } from '../repositories/users.ts';
import type { Deps } from '../usecases/support/deps.ts';
import { seedFoundation, type DemoContext } from './seed-foundation.ts';
import { seedCampaignsAndStructures } from './seed-campaigns-structures.ts';
import { seedIssuance } from './seed-issuance.ts';
import { seedRedemptions } from './seed-redemptions.ts';
import { seedClaims } from './seed-claims.ts';
import { seedFollowup } from './seed-followup.ts';
import { seedPersonalDataRequests } from './seed-personal-data-requests.ts';
import { rebuildStats } from '../repositories/stats.ts';
import { inTransaction } from '../repositories/tx.ts';

export const DEMO_LOGINS: { email: string; role: string }[] = [
  { email: 'admin@demo.passnum.fr', role: 'administration du programme (CALL)' },
  { email: 'finance@demo.passnum.fr', role: 'service financier (prépare les ordres de paiement)' },
  { email: 'finance.validation@demo.passnum.fr', role: 'service financier, second agent (vérifie les RIB, libère les ordres)' },
  { email: 'auditeur@demo.passnum.fr', role: 'consultation (élus, évaluation)' },
  { email: 'agent.lens@demo.passnum.fr', role: 'agent de la mairie de Lens' },
  { email: 'agent.lievin@demo.passnum.fr', role: 'agent de la mairie de Liévin' },
  { email: 'gestionnaire@demo.passnum.fr', role: 'responsable de structure habilitée' },
  { email: 'mediateur@demo.passnum.fr', role: 'médiateur (structure habilitée)' },
  { email: 'mediateur.nonhabilite@demo.passnum.fr', role: 'médiateur (structure non habilitée)' },
];

/** Each stage adds its part of the demo; stages run in order on a fresh database. */
export type DemoStage = (deps: Deps, ctx: DemoContext) => Promise<void>;
const stages: DemoStage[] = [
  seedCampaignsAndStructures,
  seedIssuance,
  seedRedemptions,
  seedClaims,
  seedFollowup,
  seedPersonalDataRequests,
];

export async function isDemoSeeded(deps: Deps): Promise<boolean> {
  return !!(await findUserByEmail(deps.db, DEMO_LOGINS[0].email));
}

/** Seeds the CALL demo once (no-op when already seeded). */
export async function seedDemo(deps: Deps): Promise<{ seeded: boolean }> {
  if (await isDemoSeeded(deps)) return { seeded: false };
  const ctx = await seedFoundation(deps);
  for (const stage of stages) await stage(deps, ctx);
  // Some stages write their history directly (past dates): the dashboards' aggregates are then
  // computed from the detail rows, as after the migration that created them.
  await inTransaction(deps.db, (trx) => rebuildStats(trx, deps.dialect, deps.now().toISOString()));
  return { seeded: true };
}
