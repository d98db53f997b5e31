import type { Executor } from './tx.ts';

/**
 * Tickets by code hash (the hot path: unique index one_ticket_per_code), with what a check or a
 * refusal shows: booklet serial, campaign, holder's first name and names, the structure that
 * redeemed it, and whether `structureId` is accredited for its campaign.
 */
export function findTicketsWithContext(db: Executor, codeHashes: string[], structureId: string | null) {
  return ticketsWithContextQuery(db, codeHashes, structureId).execute();
}

/** The lookup's statement, exposed so that a test can check its plan. */
export function ticketsWithContextQuery(db: Executor, codeHashes: string[], structureId: string | null) {
  return db
    .selectFrom('tickets')
    .innerJoin('booklets', 'booklets.id', 'tickets.booklet_id')
    .innerJoin('campaigns', 'campaigns.id', 'tickets.campaign_id')
    .leftJoin('beneficiaries', 'beneficiaries.id', 'booklets.beneficiary_id')
    .leftJoin('structures as redeemer', 'redeemer.id', 'tickets.structure_id')
    .leftJoin('accreditations', (join) =>
      join
        .onRef('accreditations.campaign_id', '=', 'tickets.campaign_id')
        .on('accreditations.structure_id', '=', structureId ?? '')
        .on('accreditations.status', '=', 'accredited'),
    )
    .select([
      'tickets.id', 'tickets.code_hash', 'tickets.serial', 'tickets.idx', 'tickets.status', 'tickets.blocked_from',
      'tickets.face_value_cents', 'tickets.valid_until', 'tickets.redeemed_at', 'tickets.structure_id',
      'booklets.id as booklet_id', 'booklets.serial as booklet_serial', 'campaigns.id as campaign_id',
      'campaigns.name as campaign_name', 'campaigns.year as campaign_year', 'campaigns.territory_id',
      'beneficiaries.first_name', 'beneficiaries.birth_name', 'beneficiaries.usage_name', 'beneficiaries.anonymised_at',
      'redeemer.name as redeemer_name', 'accreditations.status as accreditation_status',
    ])
    .where('tickets.code_hash', 'in', codeHashes);
}

export type TicketWithContext = Awaited<ReturnType<typeof findTicketsWithContext>>[number];

/** Booklets of a campaign handed out to a person, with their tickets (for the demo seed). */
export function issuedBookletsWithTickets(db: Executor, campaignId: string) {
  return db
    .selectFrom('booklets')
    .innerJoin('tickets', 'tickets.booklet_id', 'booklets.id')
    .select([
      'booklets.id as booklet_id', 'booklets.serial as booklet_serial', 'booklets.issued_at', 'tickets.id', 'tickets.serial',
      'tickets.idx', 'tickets.status', 'tickets.code_encrypted',
    ])
    .where('booklets.campaign_id', '=', campaignId)
    .where('booklets.status', '=', 'issued')
    .orderBy('booklets.serial')
    .orderBy('tickets.idx')
    .execute();
}
