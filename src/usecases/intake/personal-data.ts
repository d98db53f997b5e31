import { requireRole, type Actor } from '../../domain/actor.ts';
import { profileLabel } from '../../domain/dashboard.ts';
import { DomainError } from '../../domain/errors.ts';
import { ageBand, checkErasureAllowed, describeDiagnostic, retentionCutoff } from '../../domain/personal-data.ts';
import { parisDate } from '../../domain/paris-time.ts';
import { PRIORITY_MARKERS } from '../../domain/person.ts';
import { SERVICE_FORMAT_LABELS, themeLabel } from '../../domain/themes.ts';
import { renderPersonalDataPdf } from '../../exports/personal-data-pdf.ts';
import { anonymisationCandidates, anonymiseBeneficiary, liveTickets, personalDataOf } from '../../repositories/personal-data.ts';
import { findOpenRequestOfKind } from '../../repositories/personal-data-requests.ts';
import { withStats } from '../../repositories/stats.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { closeRequest, insertRequest } from '../support/personal-data-register.ts';
import { beneficiaryInScope } from './record-opt-out.ts';

const BOOKLET_STATUS: Record<string, string> = { in_stock: 'en stock', issued: 'remis', cancelled: 'annulé', replaced: 'remplacé' };
const TICKET_STATUS: Record<string, string> = {
  in_stock: 'en stock', issued: 'à utiliser', redeemed: 'utilisé', claimed: 'utilisé', paid: 'utilisé', cancelled: 'annulé', expired: 'expiré', blocked: 'bloqué',
};
const MESSAGE_KIND: Record<string, string> = { session_soon: 'Rappel de séance', tickets_expiring: 'Rappel avant la fin de validité des tickets' };
const CHANNEL: Record<string, string> = { email: 'e-mail', sms: 'SMS', letter: 'courrier' };
const MARKERS = new Map<string, string>(PRIORITY_MARKERS.map((m) => [m.id, m.label]));
const list = (json: string): string[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

/**
 * A person's copy of their data (RGPD art. 15), in French words: identity, contact, consents,
 * diagnostics, booklets and tickets, sessions attended, seats booked, reminders sent. Audited.
 */
export async function exportPersonalData(deps: Deps, actor: Actor, beneficiaryId: string) {
  requireRole(actor, 'admin', 'agent');
  await beneficiaryInScope(deps, actor, beneficiaryId);
  const data = await personalDataOf(deps.db, beneficiaryId);
  if (!data) throw new DomainError('not_found', 'Cette personne est introuvable.');
  const now = deps.now();
  await inTransaction(deps.db, (trx) => audit(trx, actor, now, 'beneficiary.personal_data_exported', { type: 'beneficiary', id: beneficiaryId }));
  const p = data.person;
  return {
    produitLe: now.toISOString(),
    responsableDuTraitement: 'Le financeur du pass numérique de votre territoire (voir la notice d’information remise avec le carnet).',
    personne: {
      identifiant: p.id,
      prenom: p.first_name,
      nomDeNaissance: p.birth_name,
      nomDUsage: p.usage_name,
      dateDeNaissance: p.birth_date || null,
      trancheDAge: p.age_band ?? null,
      commune: { codeInsee: p.commune_insee, nom: p.commune_name },
      adresse: p.address,
      telephone: p.phone,
      email: p.email,
      accepteLesRappels: p.contact_consent === 1,
      nePlusRecevoirDeRappelsDepuis: p.opted_out_at,
      consentementEnregistreLe: p.consent_at,
      publicPrioritaire: list(p.priority_markers).map((m) => MARKERS.get(m) ?? m),
      enregistrePar: p.organisation_name,
      enregistreLe: p.created_at,
      dernierContact: p.last_contact_at,
      anonymiseeLe: p.anonymised_at,
    },
    diagnostics: data.diagnostics.map((d) => ({
      type: d.kind === 'initial' ? 'diagnostic d’accueil' : 'diagnostic de suivi',
      date: d.created_at,
      profil: profileLabel(d.profile),
      ...describeDiagnostic(d.model, d.answers, d.needs),
    })),
    carnets: data.booklets.map((b) => ({ numero: b.serial, campagne: b.campaign_name, etat: BOOKLET_STATUS[b.status] ?? b.status, remisLe: b.issued_at, remisPar: b.organisation_name })),
    tickets: data.tickets.map((t) => ({
      numero: t.serial, carnet: t.booklet_serial, etat: TICKET_STATUS[t.status] ?? t.status, valableJusquAu: t.valid_until, utiliseLe: t.redeemed_at,
      utiliseChez: t.structure_name, valeurEnCentimes: t.face_value_cents,
    })),
    seancesSuivies: data.sessions.map((s) => ({
      date: s.created_at, structure: s.structure_name, lieu: s.site_name,
      format: SERVICE_FORMAT_LABELS[s.format as keyof typeof SERVICE_FORMAT_LABELS] ?? s.format, themes: list(s.themes).map(themeLabel),
      dureeEnMinutes: s.duration_minutes, tickets: Number(s.tickets),
    })),
    reservations: data.bookings.map((b) => ({ seance: b.title, le: b.starts_at, lieu: `${b.site_name}, ${b.address}`, structure: b.structure_name, reserveeLe: b.created_at, annuleeLe: b.cancelled_at })),
    messages: data.messages.map((m) => ({ type: MESSAGE_KIND[m.kind] ?? m.kind, canal: CHANNEL[m.channel] ?? m.channel, destinataire: m.recipient, objet: m.subject, prepareLe: m.created_at, envoyeLe: m.sent_at })),
  };
}
export type PersonalDataCopy = Awaited<ReturnType<typeof exportPersonalData>>;

export async function exportPersonalDataPdf(deps: Deps, actor: Actor, beneficiaryId: string): Promise<{ pdf: Buffer; filename: string }> {
  const copy = await exportPersonalData(deps, actor, beneficiaryId);
  return { pdf: await renderPersonalDataPdf(copy), filename: `donnees-personnelles-${parisDate(deps.now())}.pdf` };
}

/**
 * Erasure on request (RGPD art. 17): the person's identity and contact are wiped at once, as the
 * anonymisation job does after two years; statistics and accounting records stay, linked to an
 * anonymous person. Refused while the person can still use tickets (see checkErasureAllowed).
 * The register of requests follows in the same transaction: the person's open erasure request is
 * answered, or — asked at the desk and erased at once — one is recorded and answered that day.
 */
export async function eraseBeneficiary(deps: Deps, actor: Actor, beneficiaryId: string, input: { reason: string }) {
  requireRole(actor, 'admin', 'agent');
  const b = await beneficiaryInScope(deps, actor, beneficiaryId);
  const now = deps.now();
  const live = await liveTickets(deps.db, beneficiaryId, parisDate(now));
  checkErasureAllowed({ anonymisedAt: b.anonymised_at, liveTickets: live.count, liveUntil: live.until });
  const data = await personalDataOf(deps.db, beneficiaryId);
  const requestId = await inTransaction(deps.db, async (trx) => {
    // The call list (and its counts) never show an anonymised person (stats.ts).
    const done = await withStats(trx, deps.dialect, { beneficiaryIds: [beneficiaryId] }, () =>
      anonymiseBeneficiary(trx, { id: beneficiaryId, at: now.toISOString(), ageBand: ageBand(data!.person.birth_date, parisDate(now)) }),
    );
    if (!done) throw new DomainError('erasure_refused', 'Les données de cette personne ont déjà été effacées.');
    await audit(trx, actor, now, 'beneficiary.erased', { type: 'beneficiary', id: beneficiaryId }, { reason: input.reason });
    let requestId = (await findOpenRequestOfKind(trx, beneficiaryId, 'erasure'))?.id;
    if (!requestId) {
      requestId = deps.newId();
      await insertRequest(trx, deps, actor, {
        id: requestId, territoryId: b.territory_id, organisationId: b.organisation_id, beneficiaryId, requesterName: null, kind: 'erasure', channel: 'guichet', receivedOn: parisDate(now),
      });
    }
    await closeRequest(trx, deps, actor, requestId, { outcome: 'answered', note: input.reason });
    return requestId;
  });
  return { beneficiaryId, erasedAt: now.toISOString(), requestId };
}

/**
 * The `anonymise` job: people without contact for `config.retentionMonths` months (24 by default)
 * lose their identity and contact details; statistics stay. Batches of 200, each in a transaction;
 * idempotent (an anonymised person is never a candidate again).
 */
export async function anonymiseInactiveBeneficiaries(deps: Deps): Promise<{ anonymised: number; cutoff: string }> {
  const now = deps.now();
  const cutoff = retentionCutoff(now, deps.config.retentionMonths).toISOString();
  const today = parisDate(now);
  let anonymised = 0;
  for (;;) {
    const batch = await anonymisationCandidates(deps.db, { cutoff, today, limit: 200 });
    if (!batch.length) break;
    const done = await inTransaction(deps.db, async (trx) => {
      let n = 0;
      for (const b of batch) {
        const band = ageBand(b.birth_date, parisDate(new Date(b.last_contact_at)));
        if (await withStats(trx, deps.dialect, { beneficiaryIds: [b.id] }, () => anonymiseBeneficiary(trx, { id: b.id, at: now.toISOString(), ageBand: band }))) {
          n += 1;
          await audit(trx, null, now, 'beneficiary.anonymised', { type: 'beneficiary', id: b.id }, { retentionMonths: deps.config.retentionMonths }, b.territory_id);
        }
      }
      return n;
    });
    anonymised += done;
    if (done === 0) break;
  }
  return { anonymised, cutoff };
}
