import { requireRole, type Actor } from '../../domain/actor.ts';
import { validateProgrammeSettings, type ProgrammeSettings } from '../../domain/programme.ts';
import { getTerritory, updateTerritoryContact } from '../../repositories/territories.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';

async function settingsOf(deps: Deps, territoryId: string): Promise<ProgrammeSettings> {
  const t = (await getTerritory(deps.db, territoryId))!;
  return { helpPhone: t.help_phone, helpEmail: t.help_email, helpAddress: t.help_address, logo: t.logo_url };
}

export async function getProgrammeSettings(deps: Deps, actor: Actor): Promise<ProgrammeSettings> {
  requireRole(actor, 'admin');
  return settingsOf(deps, actor.territoryId);
}

/** The help line and the logo, set by the programme's administrator; the change is audited. */
export async function updateProgrammeSettings(deps: Deps, actor: Actor, input: ProgrammeSettings): Promise<ProgrammeSettings> {
  requireRole(actor, 'admin');
  const s = validateProgrammeSettings(input);
  await inTransaction(deps.db, async (trx) => {
    await updateTerritoryContact(trx, actor.territoryId, { help_phone: s.helpPhone, help_email: s.helpEmail, help_address: s.helpAddress, logo_url: s.logo });
    // The logo itself is not copied into the audit trail: its presence is enough to trace the change.
    await audit(trx, actor, deps.now(), 'programme.settings_updated', { type: 'territory', id: actor.territoryId }, { ...s, logo: s.logo !== null });
  });
  return settingsOf(deps, actor.territoryId);
}
