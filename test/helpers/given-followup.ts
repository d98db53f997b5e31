import type { CampaignTable } from '../../src/db/schema.ts';
import type { Deps } from '../../src/usecases/support/deps.ts';

// Factories for the follow-up tests (issue #7). They write rows directly, as the issuance,
// redemption and reimbursement use cases would, so that dashboards, exports, reminders and the
// personal-data jobs can be tested on a scenario whose every figure is known.

const MODEL_VERSION = 'test-followup';

export function givenFollowup(deps: Deps) {
  const db = deps.db;
  return {
    /** Contact details, consent and priority markers of a beneficiary. */
    async contact(beneficiaryId: string, p: { phone?: string | null; email?: string | null; address?: string | null; consent?: boolean; markers?: string[]; lastContactAt?: string; optedOutAt?: string | null }) {
      await db
        .updateTable('beneficiaries')
        .set({
          ...(p.phone !== undefined ? { phone: p.phone } : {}),
          ...(p.email !== undefined ? { email: p.email } : {}),
          ...(p.address !== undefined ? { address: p.address } : {}),
          ...(p.consent !== undefined ? { contact_consent: p.consent ? 1 : 0 } : {}),
          ...(p.markers ? { priority_markers: JSON.stringify(p.markers) } : {}),
          ...(p.lastContactAt ? { last_contact_at: p.lastContactAt } : {}),
          ...(p.optedOutAt !== undefined ? { opted_out_at: p.optedOutAt } : {}),
        })
        .where('id', '=', beneficiaryId)
        .execute();
    },

    /** Sets when a booklet (and its tickets) was handed out. */
    async handedOutAt(bookletId: string, at: string) {
      await db.updateTable('booklets').set({ issued_at: at }).where('id', '=', bookletId).execute();
      await db.updateTable('tickets').set({ issued_at: at }).where('booklet_id', '=', bookletId).execute();
    },

    /** One service delivered (a redemption request) paying with the given tickets, as issue #4 records it. */
    async redeem(p: {
      ticketIds: string[]; structureId: string; siteId: string; at: string; format?: 'individuel' | 'collectif';
      themes?: string[]; durationMinutes?: number; undoneAt?: string;
    }): Promise<{ requestId: string; redemptionIds: string[] }> {
      const requestId = deps.newId();
      await db
        .insertInto('redemption_requests')
        .values({
          id: requestId, structure_id: p.structureId, client_redemption_id: deps.newId(), codes_fingerprint: requestId, site_id: p.siteId,
          format: p.format ?? 'individuel', themes: JSON.stringify(p.themes ?? ['Email']), duration_minutes: p.durationMinutes ?? 60,
          actor_id: 'test', created_at: p.at,
        })
        .execute();
      const redemptionIds: string[] = [];
      for (const ticketId of p.ticketIds) {
        const t = await db.selectFrom('tickets').select('campaign_id').where('id', '=', ticketId).executeTakeFirstOrThrow();
        const id = deps.newId();
        redemptionIds.push(id);
        await db
          .insertInto('redemptions')
          .values({ id, request_id: requestId, ticket_id: ticketId, structure_id: p.structureId, campaign_id: t.campaign_id, redeemed_at: p.at, undone_at: p.undoneAt ?? null, undone_by: p.undoneAt ? 'test' : null, undo_reason: p.undoneAt ? 'erreur' : null })
          .execute();
        if (!p.undoneAt) {
          await db.updateTable('tickets').set({ status: 'redeemed', redeemed_at: p.at, structure_id: p.structureId, updated_at: p.at }).where('id', '=', ticketId).execute();
        }
      }
      return { requestId, redemptionIds };
    },

    async diagnostic(p: { beneficiaryId: string; kind: 'initial' | 'followup'; profile: string; at: string; needs?: string[] }): Promise<string> {
      await db
        .insertInto('diagnostic_models')
        .values({ version: MODEL_VERSION, model: JSON.stringify({ areas: [], needs: [] }), is_current: 0, created_at: p.at }) // a stand-in model: no area, no need
        .onConflict((oc) => oc.column('version').doNothing())
        .execute();
      const id = deps.newId();
      await db
        .insertInto('diagnostics')
        .values({
          id, beneficiary_id: p.beneficiaryId, model_version: MODEL_VERSION, kind: p.kind, previous_id: null, answers: '{}',
          needs: JSON.stringify(p.needs ?? []), scores: '{}', profile: p.profile, created_by: 'test', created_at: p.at,
        })
        .execute();
      return id;
    },

    /** A claim of a structure with its lines; tickets of live lines become 'claimed'. */
    async claim(p: {
      structureId: string; campaign: CampaignTable; status: 'draft' | 'submitted' | 'reviewed' | 'ordered' | 'paid';
      submittedAt?: string; reviewedAt?: string;
      lines: { ticketId: string; redemptionId: string; status: 'pending' | 'approved' | 'rejected' | 'withdrawn' }[];
    }): Promise<{ id: string; lineIds: string[] }> {
      const id = deps.newId();
      await db
        .insertInto('claims')
        .values({
          id, structure_id: p.structureId, campaign_id: p.campaign.id, period: (p.submittedAt ?? '2026-03').slice(0, 7), status: p.status, attestation: null,
          submitted_at: p.submittedAt ?? null, submitted_by: p.submittedAt ? 'test' : null, reviewed_at: p.reviewedAt ?? null, reviewed_by: p.reviewedAt ? 'test' : null,
          created_at: p.submittedAt ?? deps.now().toISOString(),
        })
        .execute();
      const lineIds: string[] = [];
      for (const l of p.lines) {
        const lineId = deps.newId();
        lineIds.push(lineId);
        await db
          .insertInto('claim_lines')
          .values({ id: lineId, claim_id: id, ticket_id: l.ticketId, redemption_id: l.redemptionId, amount_cents: p.campaign.face_value_cents, status: l.status, reject_reason: l.status === 'rejected' ? 'Séance non justifiée' : null, contest_note: null })
          .execute();
        if (p.status !== 'draft' && (l.status === 'pending' || l.status === 'approved')) {
          await db.updateTable('tickets').set({ status: 'claimed' }).where('id', '=', l.ticketId).execute();
        }
      }
      return { id, lineIds };
    },

    /** A payment order with one statement for a structure; paid when `paidAt` is given (tickets become 'paid'). */
    async payment(p: { territoryId: string; structureId: string; claimLineIds: string[]; paidAt?: string; number?: number }): Promise<{ orderId: string; statementId: string }> {
      const lines = await db.selectFrom('claim_lines').select(['id', 'ticket_id', 'amount_cents']).where('id', 'in', p.claimLineIds).execute();
      const total = lines.reduce((a, l) => a + l.amount_cents, 0);
      const orderId = deps.newId();
      const statementId = deps.newId();
      const at = deps.now().toISOString();
      await db
        .insertInto('payment_orders')
        .values({ id: orderId, territory_id: p.territoryId, status: p.paidAt ? 'paid' : 'issued', total_cents: total, execution_date: at.slice(0, 10), created_by: 'test', created_at: at, paid_at: p.paidAt ?? null, payment_date: p.paidAt?.slice(0, 10) ?? null, payment_reference: p.paidAt ? 'VIR-TEST' : null })
        .execute();
      await db
        .insertInto('statements')
        .values({ id: statementId, payment_order_id: orderId, structure_id: p.structureId, territory_id: p.territoryId, year: 2026, number: p.number ?? 1, amount_cents: total, iban: 'FR7630006000011234567890189', bic: null, account_holder: 'Structure', created_at: at, paid_at: p.paidAt ?? null, payment_date: p.paidAt?.slice(0, 10) ?? null, payment_reference: p.paidAt ? 'VIR-TEST' : null })
        .execute();
      for (const l of lines) {
        await db.insertInto('payment_lines').values({ id: deps.newId(), statement_id: statementId, claim_line_id: l.id, ticket_id: l.ticket_id, amount_cents: l.amount_cents }).execute();
        if (p.paidAt) await db.updateTable('tickets').set({ status: 'paid' }).where('id', '=', l.ticket_id).execute();
      }
      return { orderId, statementId };
    },

    async setTicketStatus(ticketIds: string[], status: 'expired' | 'issued' | 'redeemed' | 'cancelled' | 'blocked') {
      await db.updateTable('tickets').set({ status }).where('id', 'in', ticketIds).execute();
    },

    /** A training session at a structure's site, and optionally bookings for beneficiaries. */
    async trainingSession(p: { structureId: string; siteId: string; startsAt: string; title?: string; bookFor?: string[] }): Promise<{ id: string; bookingIds: string[] }> {
      const id = deps.newId();
      await db
        .insertInto('training_sessions')
        .values({ id, structure_id: p.structureId, site_id: p.siteId, title: p.title ?? 'Premiers pas sur le smartphone', theme: 'PrendreEnMainDuMateriel', format: 'collectif', starts_at: p.startsAt, duration_minutes: 120, capacity: 10, booked: p.bookFor?.length ?? 0, created_at: deps.now().toISOString() })
        .execute();
      const bookingIds: string[] = [];
      for (const beneficiaryId of p.bookFor ?? []) {
        const bookingId = deps.newId();
        bookingIds.push(bookingId);
        await db.insertInto('bookings').values({ id: bookingId, session_id: id, beneficiary_id: beneficiaryId, booked_by: 'test', created_at: deps.now().toISOString(), cancelled_at: null }).execute();
      }
      return { id, bookingIds };
    },
  };
}
