import { insertOrganisation } from '../repositories/organisations.ts';
import { updateTerritoryContact } from '../repositories/territories.ts';
import { inTransaction } from '../repositories/tx.ts';
import { createUser } from '../usecases/administration/create-user.ts';
import { importTerritory } from '../usecases/administration/import-territory.ts';
import type { Deps } from '../usecases/support/deps.ts';

export const CALL_SIREN = '246200364';

/** Identifiers of the demo objects, shared by the later seeding stages. */
export interface DemoContext {
  territoryId: string;
  organisations: { lens: string; lievin: string };
  users: Record<string, string>;
  /** Set by the campaigns-and-structures stage. */
  campaigns?: { c2021: string; c2022: string; current: string };
  /** Set by the campaigns-and-structures stage; the last one is not accredited for the current campaign. */
  structures?: { id: string; siteId: string; name: string; communeInsee: string; accreditedForCurrent: boolean }[];
  /** Free space for later stages. */
  extra: Record<string, unknown>;
}

export async function seedFoundation(deps: Deps): Promise<DemoContext> {
  const territory = await importTerritory(deps, { code: CALL_SIREN });
  const now = deps.now().toISOString();
  const lens = deps.newId();
  const lievin = deps.newId();
  await inTransaction(deps.db, async (trx) => {
    await insertOrganisation(trx, { id: lens, territoryId: territory.id, kind: 'mairie', name: 'Mairie de Lens', communeInsee: '62498', siret: '21620498200016', createdAt: now });
    await insertOrganisation(trx, { id: lievin, territoryId: territory.id, kind: 'mairie', name: 'Mairie de Liévin', communeInsee: '62510', siret: '21620510400015', createdAt: now });
  });
  // The programme's help line, printed on every booklet and shown to structures that are not accredited.
  await updateTerritoryContact(deps.db, territory.id, {
    help_phone: '03 21 00 00 00',
    help_email: 'pass.numerique@demo.passnum.fr',
    help_address: 'Pass numérique, 21 rue Marcel Sembat, 62300 Lens',
  });
  const password = deps.config.demoPassword;
  const users: Record<string, string> = {};
  const make = async (key: string, email: string, displayName: string, role: Parameters<typeof createUser>[2]['role'], scope: { organisationId?: string } = {}) => {
    users[key] = (await createUser(deps, null, { territoryId: territory.id, email, displayName, role, password, ...scope })).id;
  };
  await make('admin', 'admin@demo.passnum.fr', 'Claire Admin (démo)', 'admin');
  await make('finance', 'finance@demo.passnum.fr', 'Farid Finances (démo)', 'finance');
  // The second finance officer: verifies what the first did not enter, releases what the first prepared.
  await make('financeValidation', 'finance.validation@demo.passnum.fr', 'Valérie Validation (démo)', 'finance');
  await make('auditor', 'auditeur@demo.passnum.fr', 'Aude Auditrice (démo)', 'auditor');
  await make('agentLens', 'agent.lens@demo.passnum.fr', 'Agnès Agent Lens (démo)', 'agent', { organisationId: lens });
  await make('agentLievin', 'agent.lievin@demo.passnum.fr', 'Alain Agent Liévin (démo)', 'agent', { organisationId: lievin });
  return { territoryId: territory.id, organisations: { lens, lievin }, users, extra: {} };
}
