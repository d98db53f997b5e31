import { legalCategoryLabel } from '../../domain/payment-mode.ts';
import { maskIbanForReading, seesFullIban } from '../../domain/bank.ts';
import type { SiteTable, StructureTable } from '../../db/schema.ts';
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { splitValues } from '../../domain/mediation-enums.ts';
import { frenchOpeningHours } from '../../domain/structure.ts';
import { getStructure } from '../../repositories/structures.ts';
import type { Deps } from './deps.ts';

/** Structure staff and structure tokens see only their own structure; everyone else their territory's. */
export function canSeeStructure(actor: Actor, structure: { id: string; territory_id: string }): boolean {
  if (structure.territory_id !== actor.territoryId) return false;
  if (actor.role === 'structure_manager' || actor.role === 'mediator' || actor.role === 'structure_token') {
    return actor.structureId === structure.id;
  }
  return true;
}

/** A structure the actor may see, or not_found (other structures do not exist for them). */
export async function findStructure(deps: Deps, actor: Actor, id: string) {
  const row = await getStructure(deps.db, id);
  if (!row || !canSeeStructure(actor, row)) throw new DomainError('not_found', 'Cette structure n’existe pas.');
  return row;
}

/** Admin edits any structure of the territory; a manager only their own. */
export async function findEditableStructure(deps: Deps, actor: Actor, id: string) {
  const row = await findStructure(deps, actor, id);
  const own = actor.role === 'structure_manager' && actor.structureId === id;
  if (actor.role !== 'admin' && !own) throw new DomainError('forbidden', 'Seuls l’administration du programme et le responsable de la structure peuvent la modifier.');
  return row;
}

/** Bank details are shown to the programme's admin and finance team and to the structure's manager. */
function seesBank(actor: Actor, structureId: string): boolean {
  return actor.role === 'admin' || actor.role === 'finance' || (actor.role === 'structure_manager' && actor.structureId === structureId);
}

export function structureView(s: StructureTable, actor: Actor) {
  return {
    id: s.id,
    siret: s.siret,
    name: s.name,
    typology: splitValues(s.typology),
    legalCategory: s.legal_category,
    legalCategoryLabel: s.legal_category ? legalCategoryLabel(s.legal_category) : null,
    email: s.email,
    phone: s.phone,
    website: s.website,
    presentation: s.presentation,
    services: splitValues(s.services),
    publics: splitValues(s.publics),
    specificSupport: splitValues(s.specific_support),
    fees: splitValues(s.fees),
    nationalProgrammes: splitValues(s.national_programmes),
    accessModes: splitValues(s.access_modes),
    supportModes: splitValues(s.support_modes),
    bank: seesBank(actor, s.id)
      ? { iban: s.iban && !seesFullIban(actor, s.id) ? maskIbanForReading(s.iban) : s.iban, bic: s.bic, accountHolder: s.account_holder, status: s.bank_status, updatedAt: s.bank_updated_at, verifiedAt: s.bank_verified_at }
      : null,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
  };
}

export function siteView(s: SiteTable & { commune_name?: string | null }) {
  return {
    id: s.id,
    structureId: s.structure_id,
    name: s.name,
    address: s.address,
    communeInsee: s.commune_insee,
    communeName: s.commune_name ?? null,
    postalCode: s.postal_code,
    openingHours: s.opening_hours,
    openingHoursText: frenchOpeningHours(s.opening_hours),
    phone: s.phone,
    latitude: s.latitude,
    longitude: s.longitude,
  };
}
