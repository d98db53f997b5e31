import type { Actor } from '../domain/actor.ts';
import { addDays, parisDate, parisStartOfDay } from '../domain/paris-time.ts';
import type { ThemeId } from '../domain/themes.ts';
import { runJobs } from '../jobs/registry.ts';
import { issuedBookletsWithTickets } from '../repositories/ticket-lookup.ts';
import { redeemTickets } from '../usecases/redemption/redeem-tickets.ts';
import type { Deps } from '../usecases/support/deps.ts';
import { undoRedemption } from '../usecases/redemption/undo-redemption.ts';
import { createWorkshop } from '../usecases/redemption/manage-workshops.ts';
import type { DemoContext } from './seed-foundation.ts';

const at = (deps: Deps, iso: string): Deps => ({ ...deps, now: () => new Date(iso) });
const ctxOf = { ip: 'demo' };

/** What the demo structures delivered, in the Coop's vocabulary, used in turn. */
const SERVICES: { format: 'individuel' | 'collectif'; themes: ThemeId[]; durationMinutes: number }[] = [
  { format: 'individuel', themes: ['AideAuxDemarchesAdministratives', 'SocialSante'], durationMinutes: 60 },
  { format: 'collectif', themes: ['PrendreEnMainDuMateriel'], durationMinutes: 120 },
  { format: 'individuel', themes: ['Email', 'NavigationSurInternet'], durationMinutes: 45 },
  { format: 'collectif', themes: ['SecuriteNumerique'], durationMinutes: 90 },
  { format: 'individuel', themes: ['AideAuxDemarchesAdministratives', 'TravailFormation'], durationMinutes: 90 },
  { format: 'collectif', themes: ['ReseauxSociaux', 'Parentalite'], durationMinutes: 120 },
];

type Booklet = { id: string; serial: string; issuedAt: string; tickets: { serial: string; code: string; status: string }[] };

/**
 * Demo stage (issue #4), through the real redemption use case with the clock set in the past:
 * 2021 and 2022 tickets used at the accredited structures during their campaigns (some left
 * unused, which the expiry job then marks expired), current tickets used earlier this year — one
 * person's whole booklet — and a couple today, one mistaken redemption undone; codes given to the
 * demo user stay unused.
 */
export async function seedRedemptions(deps: Deps, ctx: DemoContext): Promise<void> {
  if (!ctx.campaigns || !ctx.structures?.length) return;
  const reserved = new Set((ctx.extra.reservedTicketSerials as string[] | undefined) ?? []);
  const now = deps.now();
  const staff = (s: { id: string; name: string }): Actor => ({
    kind: 'user',
    id: s.id === ctx.structures![0].id && ctx.users.mediator ? ctx.users.mediator : `demo:${s.id}`,
    role: 'mediator',
    territoryId: ctx.territoryId,
    organisationId: null,
    structureId: s.id,
    label: `Médiateur de ${s.name}`,
  });
  let turn = 0;
  const redeem = async (booklet: Booklet, count: number, when: string, structures: NonNullable<DemoContext['structures']>) => {
    const codes = booklet.tickets.filter((t) => t.status === 'issued' && !reserved.has(t.serial)).slice(0, count).map((t) => t.code);
    if (codes.length === 0) return null;
    const s = structures[turn % structures.length];
    const service = { ...SERVICES[turn % SERVICES.length], siteId: s.siteId };
    turn += 1;
    const r = await redeemTickets(at(deps, when), staff(s), { clientRedemptionId: deps.newId(), codes, service }, ctxOf);
    for (const t of booklet.tickets) if (codes.includes(t.code)) t.status = 'redeemed';
    return { redemption: r, actor: staff(s) };
  };
  /** A weekday session at `hour` Paris time, `days` after `from`, or null past `last` (inclusive). */
  const session = (from: string, days: number, hour: number, last: string): string | null => {
    const day = addDays(parisDate(new Date(from)), days);
    const iso = new Date(parisStartOfDay(day).getTime() + hour * 3_600_000).toISOString();
    return day <= last && Date.parse(iso) < now.getTime() ? iso : null;
  };

  // History: each 2021 booklet mostly used (10 tickets), each 2022 booklet partly (5 tickets) —
  // one 2022 person in four used all five.
  for (const [key, plan] of [['c2021', [2, 1, 2, 1]], ['c2022', [1, 2]]] as const) {
    const campaignId = ctx.campaigns[key];
    const structures = ctx.structures;
    const last = key === 'c2021' ? '2022-01-31' : '2023-01-31';
    for (const [i, b] of (await bookletsOf(deps, campaignId)).entries()) {
      for (const [k, count] of (key === 'c2022' && i % 4 === 0 ? [...plan, 2] : plan).entries()) {
        if (i % 4 === 3 && k > 0) break; // some people stopped after one session
        const when = session(b.issuedAt, 7 + k * 21 + (i % 5) * 3, 10 + ((i + k) % 6), last);
        if (when) await redeem(b, count, when, structures);
      }
    }
  }

  // Current campaign: sessions earlier this year, a couple today, most tickets still to use.
  const accredited = ctx.structures.filter((s) => s.accreditedForCurrent);
  const current = await bookletsOf(deps, ctx.campaigns.current);
  const today = parisDate(now);
  const unusedYet = (i: number) => i % 3 === 2; // a third of the people have not come yet
  // Of the others, the person handed out a booklet first went to the end of it: five weekly
  // sessions (the dashboards' "all tickets used").
  const complete = current
    .filter((b, i) => !unusedYet(i) && !b.tickets.some((t) => reserved.has(t.serial)))
    .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt))[0];
  for (const [i, b] of current.entries()) {
    if (unusedYet(i)) continue;
    if (b === complete) {
      for (let k = 0; k < b.tickets.length; k++) {
        const when = session(b.issuedAt, 6 + 7 * k, 14, today);
        if (when && parisDate(new Date(when)) < today) await redeem(b, 1, when, accredited);
      }
      continue;
    }
    const when = session(b.issuedAt, 6 + (i % 4) * 2, 14, today);
    if (when && parisDate(new Date(when)) < today) await redeem(b, 1, when, accredited);
  }
  const older = current.filter((b) => b !== complete && Date.parse(b.issuedAt) < now.getTime() - 3 * 3_600_000);
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
  const todays = [older[0], older[1]].filter(Boolean);
  for (const [k, b] of todays.entries()) await redeem(b, 1, minutesAgo(90 - k * 45), accredited);
  // A mistaken scan, undone by the mediator a minute later (the record stays, with its reason).
  if (older[2]) {
    const done = await redeem(older[2], 1, minutesAgo(30), accredited);
    if (done) await undoRedemption(at(deps, minutesAgo(29)), done.actor, { redemptionId: done.redemption.redemptionId, reason: 'Mauvais carnet scanné (démo)' });
  }

  // This morning's collective workshop at the first structure: recorded once, three participants'
  // booklets redeemed in turn (one ticket each), as the mediator's screen lists them.
  const first = ctx.structures[0];
  // People who already came once (those who never came stay on the call list).
  const participants = older.slice(3).filter((b) => !unusedYet(current.indexOf(b)) && !b.tickets.some((t) => reserved.has(t.serial))).slice(0, 3);
  if (first.accreditedForCurrent && participants.length) {
    const mediator = staff(first);
    const workshop = await createWorkshop(at(deps, minutesAgo(180)), mediator, {
      title: 'Atelier smartphone', themes: ['PrendreEnMainDuMateriel', 'Email'], durationMinutes: 120, siteId: first.siteId,
    });
    for (const [k, b] of participants.entries()) {
      const codes = b.tickets.filter((t) => t.status === 'issued').slice(0, 1).map((t) => t.code);
      await redeemTickets(at(deps, minutesAgo(175 - k * 3)), mediator, { clientRedemptionId: deps.newId(), codes, workshopId: workshop.id }, ctxOf);
      for (const t of b.tickets) if (codes.includes(t.code)) t.status = 'redeemed';
    }
  }

  // The 2021 and 2022 tickets left unused are worthless now: the daily job marks them expired.
  await runJobs(deps, ['expiry']);
}

async function bookletsOf(deps: Deps, campaignId: string): Promise<Booklet[]> {
  const rows = await issuedBookletsWithTickets(deps.db, campaignId);
  const booklets = new Map<string, Booklet>();
  for (const r of rows) {
    const b = booklets.get(r.booklet_id) ?? { id: r.booklet_id, serial: r.booklet_serial, issuedAt: r.issued_at ?? deps.now().toISOString(), tickets: [] };
    b.tickets.push({ serial: r.serial, code: deps.secrets.decryptCode(r.code_encrypted!), status: r.status });
    booklets.set(r.booklet_id, b);
  }
  return [...booklets.values()];
}
