import { createHash } from 'node:crypto';
import { requireRole, type Actor } from '../../domain/actor.ts';
import { bankNotice, checkRibDocument, ibanFor, maskIban, type BankStatus } from '../../domain/bank.ts';
import { requireDuty, requireOtherPerson } from '../../domain/duties.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { validateBankDetails, type BankDetails } from '../../domain/structure.ts';
import {
  bankHistory, getBankDocument, getStructureBank, insertBankDocument, markBankVerified, setStructureBank, structuresByBankStatus,
} from '../../repositories/bank-details.ts';
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
  'structure.bank_details_refused': 'Tentative refusée',
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

async function view(deps: Deps, actor: Actor, structureId: string) {
  const s = (await getStructureBank(deps.db, structureId))!;
  const status = s.bank_status as BankStatus;
  const history = await bankHistory(deps.db, structureId);
  return {
    structureId: s.id,
    structureName: s.name,
    iban: s.iban ? ibanFor(actor, s.id, s.iban) : null,
    bic: s.bic,
    accountHolder: s.account_holder,
    status,
    statusLabel: STATUS_LABELS[status],
    notice: bankNotice(status),
    updatedAt: s.bank_updated_at,
    verifiedAt: s.bank_verified_at,
    hasRib: !!s.bank_document_id,
    history: history.map((h) => {
      const d = JSON.parse(h.details) as { iban?: string; ibanEnd?: string };
      const iban = d.iban ?? (d.ibanEnd ? `•••• ${d.ibanEnd}` : null);
      return { at: h.at, by: h.actor_label, action: h.action, label: ACTION_LABELS[h.action] ?? h.action, iban };
    }),
  };
}

export async function getBankDetails(deps: Deps, actor: Actor, structureId: string) {
  await structureFor(deps, actor, structureId);
  return view(deps, actor, structureId);
}

export interface SetBankInput extends BankDetails {
  rib: { filename: string; contentBase64: string };
}

/**
 * The structure's own manager enters or changes its bank details, attaching the bank's RIB. Any
 * change goes back to "à vérifier": nothing is paid to the new account until a finance officer
 * has checked it against that RIB. Nobody else may set an IBAN, admin included.
 */
export async function setBankDetails(deps: Deps, actor: Actor, structureId: string, input: SetBankInput) {
  await structureFor(deps, actor, structureId);
  await guarded(deps, actor, structureId, 'bank.enter', async () => {
    requireDuty(actor, 'bank.enter');
    if (actor.structureId !== structureId) throw new DomainError('forbidden', 'Seul le ou la responsable de la structure saisit ses coordonnées bancaires.', { duty: 'bank.enter' });
  });
  const bank = validateBankDetails(input);
  const bytes = Buffer.from(input.rib.contentBase64, 'base64');
  const mime = checkRibDocument(bytes);
  const filename = input.rib.filename.replace(/[^\p{L}\p{N} ._-]/gu, '_').slice(0, 120) || 'rib';
  const now = deps.now().toISOString();
  const documentId = deps.newId();
  await inTransaction(deps.db, async (trx) => {
    await insertBankDocument(trx, {
      id: documentId, structure_id: structureId, filename, mime_type: mime, size_bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'),
      content: bytes.toString('base64'), uploaded_by: actor.id, uploaded_at: now,
    });
    await setStructureBank(trx, structureId, { iban: bank.iban, bic: bank.bic, accountHolder: bank.accountHolder, documentId, by: actor.id, now });
    // Only the last four characters go to the audit log: enough to trace, not enough to reuse.
    await audit(trx, actor, deps.now(), 'structure.bank_details_changed', { type: 'structure', id: structureId }, {
      ibanEnd: bank.iban.slice(-4), bic: bank.bic, rib: { documentId, mime, sizeBytes: bytes.length },
    });
  });
  return view(deps, actor, structureId);
}

/** The RIB attached to the current bank details: finance (to verify) and the structure's manager. */
export async function ribDocument(deps: Deps, actor: Actor, structureId: string) {
  const s = await structureFor(deps, actor, structureId);
  if (actor.role !== 'finance' && actor.role !== 'structure_manager') throw new DomainError('forbidden', 'Le RIB n’est montré qu’au service financier et au responsable de la structure.');
  const doc = s.bank_document_id ? await getBankDocument(deps.db, s.bank_document_id) : undefined;
  if (!doc) throw new DomainError('not_found', 'Aucun RIB n’est joint aux coordonnées bancaires de cette structure.');
  return { filename: doc.filename, mime: doc.mime_type, body: Buffer.from(doc.content, 'base64') };
}

export interface VerifyBankInput {
  structureId: string;
  /** Re-typed by the finance officer from the RIB. */
  iban: string;
  /** As shown to the finance officer and confirmed against the RIB. */
  bic: string | null;
  accountHolder: string;
}

/**
 * A finance officer who did not enter them verifies the bank details while looking at the RIB:
 * re-types the IBAN and confirms the BIC and holder. The conditional update takes exactly those
 * three values: a change in the meantime, even of the BIC or holder alone, verifies nothing.
 */
export async function verifyBankDetails(deps: Deps, actor: Actor, input: VerifyBankInput) {
  const current = await structureFor(deps, actor, input.structureId);
  await guarded(deps, actor, current.id, 'bank.verify', async () => requireOtherPerson(actor, 'bank.verify', current.bank_updated_by));
  const iban = input.iban.replace(/\s/g, '').toUpperCase();
  const bic = input.bic?.replace(/\s/g, '').toUpperCase() || null;
  const accountHolder = input.accountHolder.trim();
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    const ok = await markBankVerified(trx, current.id, { iban, bic, accountHolder, now: now.toISOString(), by: actor.id });
    if (!ok) {
      if (current.bank_status === 'verified' && current.iban === iban) {
        throw new DomainError('conflict', 'Ces coordonnées bancaires sont déjà vérifiées.');
      }
      if (current.bank_status === 'none') throw new DomainError('conflict', 'Cette structure n’a pas encore saisi de coordonnées bancaires.');
      if (!current.bank_document_id) throw new DomainError('conflict', 'Aucun RIB n’est joint : la structure doit saisir à nouveau ses coordonnées avec le RIB de sa banque.');
      if (current.iban !== iban) throw invalid('iban', 'L’IBAN ressaisi ne correspond pas à celui enregistré : vérifiez-le sur le RIB. Rien n’a été vérifié.');
      throw new DomainError('conflict', 'Le BIC ou le titulaire du compte ont changé depuis votre lecture : relisez les coordonnées et le RIB. Rien n’a été vérifié.', { iban: maskIban(current.iban) });
    }
    await audit(trx, actor, now, 'structure.bank_details_verified', { type: 'structure', id: current.id }, { iban: maskIban(iban), bic, accountHolder });
  });
  return view(deps, actor, current.id);
}

/** A refusal by the separation of duties is audited (who tried what), then rethrown. */
async function guarded(deps: Deps, actor: Actor, structureId: string, duty: string, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'forbidden') {
      await inTransaction(deps.db, (trx) => audit(trx, actor, deps.now(), 'structure.bank_details_refused', { type: 'structure', id: structureId }, { duty, reason: error.message }));
    }
    throw error;
  }
}

/** Finance's to-do list: bank details waiting for verification. */
export async function listPendingBankDetails(deps: Deps, actor: Actor) {
  requireRole(actor, 'finance', 'admin');
  const rows = await structuresByBankStatus(deps.db, actor.territoryId, 'pending');
  return rows.map((s) => ({
    structureId: s.id, structureName: s.name, siret: s.siret, iban: s.iban ? ibanFor(actor, s.id, s.iban) : null, bic: s.bic,
    accountHolder: s.account_holder, updatedAt: s.bank_updated_at,
  }));
}
