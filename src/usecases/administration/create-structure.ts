import { DUTIES } from '../../domain/duties.ts';
import { requireRole, type Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { joinValues } from '../../domain/mediation-enums.ts';
import { validateStructureProfile, type BankDetails, type SiteInput, type StructureProfile } from '../../domain/structure.ts';
import { insertStructure } from '../../repositories/structures.ts';
import { inTransaction, isUniqueViolation } from '../../repositories/tx.ts';
import { addSiteInTx, checkSite } from './manage-sites.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { findStructure, structureView } from '../support/structure-view.ts';

export interface CreateStructureInput extends StructureProfile {
  sites?: SiteInput[];
  bank?: BankDetails | null;
}

export function profileColumns(p: StructureProfile) {
  return {
    siret: p.siret,
    name: p.name,
    typology: joinValues(p.typology),
    legal_category: p.legalCategory ?? null,
    email: p.email,
    phone: p.phone,
    website: p.website,
    presentation: p.presentation,
    services: joinValues(p.services),
    publics: joinValues(p.publics),
    specific_support: joinValues(p.specificSupport),
    fees: joinValues(p.fees),
    national_programmes: joinValues(p.nationalProgrammes),
    access_modes: joinValues(p.accessModes),
    support_modes: joinValues(p.supportModes),
  };
}

export function siretTaken(siret: string): DomainError {
  return new DomainError('conflict', `Une structure avec le SIRET ${siret} existe déjà sur ce territoire.`, { field: 'siret' });
}

/**
 * The programme admin registers a support structure, optionally with its sites. Never with bank
 * details: only the structure's own manager enters them, with the RIB (domain/duties.ts).
 */
export async function createStructure(deps: Deps, actor: Actor, input: CreateStructureInput) {
  requireRole(actor, 'admin');
  if (input.bank) {
    throw new DomainError('forbidden', `L’administration ne saisit pas de coordonnées bancaires. ${DUTIES['bank.enter'].rule}`, { duty: 'bank.enter', field: 'bank' });
  }
  const profile = validateStructureProfile(input);
  const bank = null as { iban: string; bic: string | null; accountHolder: string } | null;
  const sites: SiteInput[] = [];
  for (const [i, s] of (input.sites ?? []).entries()) {
    try {
      sites.push(await checkSite(deps, actor.territoryId, s));
    } catch (error) {
      if (error instanceof DomainError && error.details?.field) error.details.field = `sites.${i}.${String(error.details.field)}`;
      throw error;
    }
  }
  const now = deps.now().toISOString();
  const id = deps.newId();
  try {
    await inTransaction(deps.db, async (trx) => {
      await insertStructure(trx, {
        id,
        territory_id: actor.territoryId,
        ...profileColumns(profile),
        iban: bank?.iban ?? null,
        bic: bank?.bic ?? null,
        account_holder: bank?.accountHolder ?? null,
        // New bank details wait for the finance team's verification (issue #5).
        bank_status: bank ? 'pending' : 'none',
        bank_updated_at: bank ? now : null,
        bank_verified_at: null,
        bank_verified_by: null, bank_updated_by: null, bank_document_id: null,
        created_at: now,
        updated_at: now,
      });
      await audit(trx, actor, deps.now(), 'structure.created', { type: 'structure', id }, { siret: profile.siret, name: profile.name, bank: !!bank });
      for (const s of sites) await addSiteInTx(deps, trx, actor, id, s);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw siretTaken(profile.siret);
    throw error;
  }
  return structureView(await findStructure(deps, actor, id), actor);
}
