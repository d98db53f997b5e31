import type { CampaignTable } from '../../src/db/schema.ts';
import type { TestDb } from './db.ts';
import { rebuildStats } from '../../src/repositories/stats.ts';
import { given } from './given.ts';
import { givenFollowup } from './given-followup.ts';

/**
 * A small programme whose every dashboard figure is known (see test/dashboards.test.ts):
 * campaign C (2026, 5 × 10 €) with four people, campaign P (2025, closed) with one.
 *
 *  person | org    | commune | markers      | handed out  | tickets used (days to first use)
 *  A      | Lens   | 62498   | senior       | 2026-02-01  | 5 of 5 (3 days)
 *  B      | Lens   | 62498   | -            | 2026-02-10  | 1 of 5 (10 days)
 *  C      | Liévin | 62510   | qpv, rsa     | 2026-03-01  | 0 (one redemption undone)
 *  D      | Liévin | 62510   | -            | 2026-03-02  | 2 of 5 (same day, at structure S2)
 *  E      | Lens   | 62498   | -            | 2025-03-01  | 2 of 5 in campaign P (31 days), 3 expired
 */
export async function buildFollowupScenario(tdb: TestDb) {
  const g = given(tdb.deps);
  const f = givenFollowup(tdb.deps);
  const territoryId = await g.territory();
  const lens = await g.organisation({ territoryId, communeInsee: '62498', name: 'Mairie de Lens' });
  const lievin = await g.organisation({ territoryId, communeInsee: '62510', name: 'Mairie de Liévin' });
  const campaign: CampaignTable = await g.campaign({ territoryId, name: 'Campagne 2026' });
  const past: CampaignTable = await g.campaign({
    territoryId, name: 'Campagne 2025', year: 2025, status: 'closed', issuance_start: '2025-01-01', issuance_end: '2025-12-31',
    validity_end: '2026-01-31', claim_deadline: '2026-03-31', budget_cents: 5_000_000,
  });
  const s1 = await g.structure({ territoryId, accreditedFor: [campaign.id, past.id], name: 'Médiathèque Robert Cousin' });
  const s2 = await g.structure({ territoryId, accreditedFor: [campaign.id], communeInsee: '62510', name: 'EPN de Liévin' });

  const person = async (org: string, commune: string, firstName: string, birthName: string, c: CampaignTable, handedOut: string) => {
    const ben = await g.beneficiary({ territoryId, organisationId: org, communeInsee: commune, firstName, birthName });
    const booklet = await g.issuedBooklet({ campaign: c, organisationId: org, communeInsee: commune, beneficiaryId: ben.id });
    await tdb.deps.db.updateTable('booklets').set({ person_key: ben.personKey }).where('id', '=', booklet.id).execute();
    await f.handedOutAt(booklet.id, handedOut);
    return { id: ben.id, bookletId: booklet.id, tickets: booklet.tickets.map((t) => t.id), serials: booklet.tickets.map((t) => t.serial) };
  };
  const A = await person(lens, '62498', 'Alice', 'Arnaud', campaign, '2026-02-01T10:00:00.000Z');
  const B = await person(lens, '62498', 'Bruno', 'Bernard', campaign, '2026-02-10T09:00:00.000Z');
  const C = await person(lievin, '62510', 'Chloé', 'Caron', campaign, '2026-03-01T14:00:00.000Z');
  const D = await person(lievin, '62510', 'Damien', 'Dupont', campaign, '2026-03-02T08:00:00.000Z');
  const E = await person(lens, '62498', 'Émile', 'Evrard', past, '2025-03-01T10:00:00.000Z');

  await f.contact(A.id, { markers: ['senior'], phone: '06 12 34 56 78', consent: true });
  await f.contact(B.id, { phone: '0321000000', email: 'bruno@example.org', consent: true });
  await f.contact(C.id, { markers: ['qpv', 'rsa'], address: '3 rue des Mineurs, 62800 Liévin', consent: true });

  const r = async (p: Parameters<typeof f.redeem>[0]) => f.redeem(p);
  const a1 = await r({ ticketIds: [A.tickets[0]], structureId: s1.id, siteId: s1.siteId, at: '2026-02-04T10:00:00.000Z', format: 'individuel', durationMinutes: 60, themes: ['Email'] });
  const a2 = await r({ ticketIds: [A.tickets[1], A.tickets[2]], structureId: s1.id, siteId: s1.siteId, at: '2026-02-11T10:00:00.000Z', format: 'collectif', durationMinutes: 90, themes: ['Email', 'NavigationSurInternet'] });
  const a3 = await r({ ticketIds: [A.tickets[3]], structureId: s1.id, siteId: s1.siteId, at: '2026-02-18T10:00:00.000Z', durationMinutes: 30, themes: ['AideAuxDemarchesAdministratives'] });
  const a4 = await r({ ticketIds: [A.tickets[4]], structureId: s1.id, siteId: s1.siteId, at: '2026-02-25T10:00:00.000Z', durationMinutes: 150, themes: ['Bureautique'] });
  const b1 = await r({ ticketIds: [B.tickets[0]], structureId: s1.id, siteId: s1.siteId, at: '2026-02-20T15:00:00.000Z', durationMinutes: 60, themes: ['AideAuxDemarchesAdministratives'] });
  await r({ ticketIds: [C.tickets[0]], structureId: s2.id, siteId: s2.siteId, at: '2026-03-03T10:00:00.000Z', undoneAt: '2026-03-03T10:05:00.000Z' });
  const d1 = await r({ ticketIds: [D.tickets[0], D.tickets[1]], structureId: s2.id, siteId: s2.siteId, at: '2026-03-02T09:00:00.000Z', format: 'collectif', durationMinutes: 120, themes: ['Email', 'AideAuxDemarchesAdministratives'] });
  await r({ ticketIds: [E.tickets[0], E.tickets[1]], structureId: s1.id, siteId: s1.siteId, at: '2025-04-01T10:00:00.000Z', themes: ['Email'] });
  await f.setTicketStatus(E.tickets.slice(2), 'expired');

  // Claims: A's five tickets (4 approved, 1 rejected) and B's one (pending); D's two in a draft.
  const aRedemptions = [a1.redemptionIds[0], a2.redemptionIds[0], a2.redemptionIds[1], a3.redemptionIds[0], a4.redemptionIds[0]];
  const k1 = await f.claim({
    structureId: s1.id, campaign, status: 'reviewed', submittedAt: '2026-03-05T10:00:00.000Z', reviewedAt: '2026-03-06T10:00:00.000Z',
    lines: A.tickets.map((t, i) => ({ ticketId: t, redemptionId: aRedemptions[i], status: i === 4 ? 'rejected' : 'approved' })),
  });
  await f.setTicketStatus([A.tickets[4]], 'redeemed');
  await f.claim({ structureId: s1.id, campaign, status: 'submitted', submittedAt: '2026-03-10T10:00:00.000Z', lines: [{ ticketId: B.tickets[0], redemptionId: b1.redemptionIds[0], status: 'pending' }] });
  await f.claim({ structureId: s2.id, campaign, status: 'draft', lines: D.tickets.slice(0, 2).map((t, i) => ({ ticketId: t, redemptionId: d1.redemptionIds[i], status: 'pending' })) });
  // Payment: A's first three tickets paid on 12 March, the fourth in an order not yet paid.
  await f.payment({ territoryId, structureId: s1.id, claimLineIds: k1.lineIds.slice(0, 3), paidAt: '2026-03-12T10:00:00.000Z', number: 1 });
  await f.payment({ territoryId, structureId: s1.id, claimLineIds: [k1.lineIds[3]], number: 2 });

  // Diagnostics: intake for all four; follow-ups for A (improved, latest wins) and B (same).
  await f.diagnostic({ beneficiaryId: A.id, kind: 'initial', profile: 'debutant', at: '2026-02-01T09:30:00.000Z' });
  await f.diagnostic({ beneficiaryId: B.id, kind: 'initial', profile: 'sans_autonomie', at: '2026-02-10T08:30:00.000Z' });
  await f.diagnostic({ beneficiaryId: C.id, kind: 'initial', profile: 'debutant', at: '2026-03-01T13:30:00.000Z' });
  await f.diagnostic({ beneficiaryId: D.id, kind: 'initial', profile: 'intermediaire', at: '2026-03-02T07:30:00.000Z' });
  await f.diagnostic({ beneficiaryId: A.id, kind: 'followup', profile: 'debutant', at: '2026-02-20T10:00:00.000Z' });
  await f.diagnostic({ beneficiaryId: A.id, kind: 'followup', profile: 'intermediaire', at: '2026-03-01T10:00:00.000Z' });
  await f.diagnostic({ beneficiaryId: B.id, kind: 'followup', profile: 'sans_autonomie', at: '2026-03-10T10:00:00.000Z' });

  // The scenario is written directly (past dates): the dashboards' aggregates are computed from
  // the detail rows, as after the migration that created them (stats.ts).
  await tdb.deps.db.transaction().execute((trx) => rebuildStats(trx, tdb.deps.dialect, '2026-03-15T10:00:00.000Z'));
  return { territoryId, organisations: { lens, lievin }, campaign, past, structures: { s1, s2 }, people: { A, B, C, D, E } };
}
export type FollowupScenario = Awaited<ReturnType<typeof buildFollowupScenario>>;
