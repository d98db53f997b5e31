import type { bookletSummaries } from '../../repositories/read-models/beneficiary-booklets.ts';

type Row = Awaited<ReturnType<typeof bookletSummaries>>[number];

export const BOOKLET_STATUS_LABELS: Record<string, string> = {
  in_stock: 'En stock',
  issued: 'Remis',
  cancelled: 'Annulé',
  replaced: 'Remplacé',
};

export function bookletSummaryView(r: Row, today: string) {
  const expired = r.validity_end < today;
  const unused = Number(r.unused ?? 0);
  return {
    id: r.id,
    serial: r.serial,
    status: r.status,
    statusLabel: BOOKLET_STATUS_LABELS[r.status] ?? r.status,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    validUntil: r.validity_end,
    expired,
    issuedAt: r.issued_at,
    organisationName: r.organisation_name,
    fromStock: r.print_batch_id !== null,
    replacesBookletId: r.replaces_booklet_id,
    cancelReason: r.cancel_reason,
    faceValueCents: r.face_value_cents,
    totalTickets: Number(r.total ?? 0),
    usedTickets: Number(r.used ?? 0),
    /** Tickets still usable: issued and the campaign's validity not over. */
    unusedTickets: r.status === 'issued' && !expired ? unused : 0,
  };
}
export type BookletSummary = ReturnType<typeof bookletSummaryView>;
