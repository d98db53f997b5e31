import { requireRole, type Actor } from '../../domain/actor.ts';
import { bankNotice, formatIban, maskIban, type BankStatus } from '../../domain/bank.ts';
import { DomainError } from '../../domain/errors.ts';
import { bankHistory, getStructureBank, markBankVerified, structuresByBankStatus } from '../../repositories/bank-details.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';

const STATUS_LABELS: Record<BankStatus, string> = {
  none: 'Non renseignées',
  pending: 'En attente de vérification par le service financier',
  verified: 'Vérifiées',
};

const ACTION_LABELS: Record<string, string> = {
  'structure.bank_details_changed': 'Coordonnées bancaires saisies ou modifiées',
  'structure.bank_details_verified': 'Coordonnées bancaires vérifiées',
};

/** A structure's own staff, or finance and admin of the territory. Others: not found. */
async function structureFor(deps: Deps, actor: Actor, structureId: string) {
  const s = await getStructureBank(deps.db, structureId);
  const notFound = new DomainError('not_found', 'Cette structure est introuvable.');
  if (!s || s.territory_id !== actor.territoryId) throw notFound;
  if (actor.role === 'finance' || actor.role === 'admin') return s;
  if (actor.role === 'structure_manager' && actor.structureId === structureId) return s;
  if (actor.structureId === structureId) {
    throw new DomainError('forbidden', 'Seul le ou la responsable de la structure gère ses coordonnées bancaires.');
  }
  throw notFound;
}

async function view(deps: Deps, structureId: string) {
  const s = (await getStructureBank(deps.db, structureId))!;
  const status = s.bank_status as BankStatus;
  const history = await bankHistory(deps.db, structureId);
  return {
    structureId: s.id,
    structureName: s.name,
    iban: s.iban ? formatIban(s.iban) : null,
    bic: s.bic,
    accountHolder: s.account_holder,
    status,
    statusLabel: STATUS_LABELS[status],
    notice: bankNotice(status),
    updatedAt: s.bank_updated_at,
    verifiedAt: s.bank_verified_at,
    history: history.map((h) => {
      const d = JSON.parse(h.details) as { iban?: string; ibanEnd?: string };
      const iban = d.iban ?? (d.ibanEnd ? `•••• ${d.ibanEnd}` : null);
      return { at: h.at, by: h.actor_label, action: h.action, label: ACTION_LABELS[h.action] ?? h.action, iban };
    }),
  };
}

export async function getBankDetails(deps: Deps, actor: Actor, structureId: string) {
  await structureFor(deps, actor, structureId);
  return view(deps, structureId);
}

/** Finance verifies the IBAN it checked against the RIB: only that IBAN, only while pending. */
export async function verifyBankDetails(deps: Deps, actor: Actor, input: { structureId: string; iban: string }) {
  requireRole(actor, 'finance');
  const current = await structureFor(deps, actor, input.structureId);
  const iban = input.iban.replace(/\s/g, '').toUpperCase();
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    const ok = await markBankVerified(trx, current.id, { iban, now: now.toISOString(), by: actor.id });
    if (!ok) {
      if (current.bank_status === 'verified' && current.iban === iban) {
        throw new DomainError('conflict', 'Ces coordonnées bancaires sont déjà vérifiées.');
      }
      if (current.bank_status === 'none') throw new DomainError('conflict', 'Cette structure n’a pas encore saisi de coordonnées bancaires.');
      throw new DomainError('conflict', 'Les coordonnées bancaires ont changé depuis votre lecture : vérifiez le nouvel IBAN.', { iban: maskIban(current.iban) });
    }
    await audit(trx, actor, now, 'structure.bank_details_verified', { type: 'structure', id: current.id }, { iban: maskIban(iban) });
  });
  return view(deps, current.id);
}

/** Finance's to-do list: bank details waiting for verification. */
export async function listPendingBankDetails(deps: Deps, actor: Actor) {
  requireRole(actor, 'finance', 'admin');
  const rows = await structuresByBankStatus(deps.db, actor.territoryId, 'pending');
  return rows.map((s) => ({
    structureId: s.id, structureName: s.name, siret: s.siret, iban: s.iban ? formatIban(s.iban) : null, bic: s.bic,
    accountHolder: s.account_holder, updatedAt: s.bank_updated_at,
  }));
}
