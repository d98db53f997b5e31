import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/domain/actor.ts';
import { parisDate } from '../src/domain/paris-time.ts';
import { applyEvent, type TicketEvent, type TicketState } from '../src/domain/ticket.ts';
import { runJobs } from '../src/jobs/registry.ts';
import { appendAudit } from '../src/repositories/audit.ts';
import { blockTickets, unblockTickets } from '../src/usecases/issuance/block-tickets.ts';
import { redeemTickets } from '../src/usecases/redemption/redeem-tickets.ts';
import { undoRedemption } from '../src/usecases/redemption/undo-redemption.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { adminActor, mediatorActor, redemptionScene, SERVICE, type RedemptionScene } from './helpers/given-redemption.ts';

// Issue #4: a model test of the ticket state machine. Random sequences of issue / redeem / undo /
// block / unblock / expire / claim (and time passing) run against the real use cases and database;
// the pure domain model predicts each outcome. After every step: the database agrees with the
// model, at most one live redemption per ticket, no redemption after validity, every state change
// audited in the same transaction.

const VALIDITY_END = '2026-06-30';
// Three days before the end of validity, so that sequences often cross it.
const START = '2026-06-27T10:00:00.000Z';

interface ModelTicket { state: TicketState; redeemed: boolean }
interface Model { tickets: ModelTicket[]; now: number }
interface Real { tdb: TestDb; scene: RedemptionScene; ids: string[]; codes: string[]; serials: string[]; lastRedemption: (string | null)[]; structures: Structure[] }
interface Structure { actor: Actor; siteId: string; accredited: boolean }

let tdb: TestDb;
let scene: RedemptionScene;
let structures: Structure[];

async function snapshot(r: Real) {
  const rows = await r.tdb.deps.db.selectFrom('tickets').select(['id', 'status', 'blocked_from']).where('id', 'in', r.ids).execute();
  return r.ids.map((id) => rows.find((x) => x.id === id)!);
}
const auditSeq = async (r: Real) => (await r.tdb.deps.db.selectFrom('audit_head').select('last_seq').executeTakeFirstOrThrow()).last_seq;

/** Applies an event to the model; returns the refusal reason or null. */
function step(m: Model, i: number, event: TicketEvent): string | null {
  const t = m.tickets[i];
  const res = applyEvent({ validUntil: VALIDITY_END, state: t.state }, event);
  if (!res.ok) return res.reason;
  t.state = res.state;
  return null;
}

async function outcome(p: Promise<unknown>): Promise<string | null> {
  return p.then(
    () => null,
    (e: { code?: string }) => {
      if (!e.code) throw e;
      return e.code;
    },
  );
}

abstract class Step implements fc.AsyncCommand<Model, Real> {
  abstract check(m: Readonly<Model>): boolean;
  abstract act(m: Model, r: Real): Promise<void>;
  abstract toString(): string;
  async run(m: Model, r: Real): Promise<void> {
    const before = await snapshot(r);
    const seq = await auditSeq(r);
    await this.act(m, r);
    await verify(m, r, before, seq);
  }
}

class Issue extends Step {
  constructor(readonly i: number) {
    super();
  }
  check() {
    return true;
  }
  toString() {
    return `issue(${this.i})`;
  }
  async act(m: Model, r: Real) {
    // Hand-out belongs to issue #3; here a conditional update with its audit entry stands for it.
    const expected = step(m, this.i, { type: 'issue' });
    const moved = await r.tdb.deps.db.transaction().execute(async (trx) => {
      const rows = await trx.updateTable('tickets').set({ status: 'issued' }).where('id', '=', r.ids[this.i]).where('status', '=', 'in_stock').returning('id').execute();
      if (rows.length) await appendAudit(trx, { at: new Date(m.now).toISOString(), territoryId: null, actorId: null, actorLabel: 'test', action: 'ticket.issued', targetType: 'ticket', targetId: r.ids[this.i] });
      return rows.length === 1;
    });
    expect(moved).toBe(expected === null);
  }
}

class Redeem extends Step {
  constructor(readonly i: number, readonly s: number) {
    super();
  }
  check() {
    return true;
  }
  toString() {
    return `redeem(${this.i}, structure ${this.s})`;
  }
  async act(m: Model, r: Real) {
    const st = r.structures[this.s];
    const at = new Date(m.now);
    let expected = step({ ...m, tickets: m.tickets.map((t) => ({ ...t })) }, this.i, { type: 'redeem', structureId: st.actor.structureId!, at });
    if (expected === null && !st.accredited) expected = 'structure_not_accredited';
    if (expected === null) {
      step(m, this.i, { type: 'redeem', structureId: st.actor.structureId!, at });
      m.tickets[this.i].redeemed = true;
    }
    const input = { clientRedemptionId: randomUUID(), codes: [r.codes[this.i]], service: { ...SERVICE, siteId: st.siteId } };
    let id: string | null = null;
    const got = await outcome(redeemTickets(r.tdb.deps, st.actor, input, { ip: '127.0.0.1' }).then((v) => (id = v.redemptionId)));
    expect(got).toBe(expected);
    if (id) r.lastRedemption[this.i] = id;
  }
}

class Undo extends Step {
  constructor(readonly i: number) {
    super();
  }
  check(m: Readonly<Model>) {
    return m.tickets[this.i].redeemed;
  }
  toString() {
    return `undo(${this.i})`;
  }
  async act(m: Model, r: Real) {
    const t = m.tickets[this.i];
    let expected: string | null;
    if (t.state.status === 'claimed' || t.state.status === 'paid') expected = 'already_claimed';
    else if (t.state.status === 'redeemed') expected = step(m, this.i, { type: 'undo' });
    else expected = 'invalid_transition';
    // the structure that made the last redemption undoes it
    const req = await r.tdb.deps.db.selectFrom('redemption_requests').select('structure_id').where('id', '=', r.lastRedemption[this.i]!).executeTakeFirstOrThrow();
    const st = r.structures.find((s) => s.actor.structureId === req.structure_id)!;
    const got = await outcome(undoRedemption(r.tdb.deps, st.actor, { redemptionId: r.lastRedemption[this.i]!, reason: 'Erreur de scan' }));
    expect(got).toBe(expected);
  }
}

class Block extends Step {
  constructor(readonly i: number, readonly unblock: boolean) {
    super();
  }
  check() {
    return true;
  }
  toString() {
    return `${this.unblock ? 'unblock' : 'block'}(${this.i})`;
  }
  async act(m: Model, r: Real) {
    const expected = step(m, this.i, { type: this.unblock ? 'unblock' : 'block' });
    const run = this.unblock ? unblockTickets : blockTickets;
    const got = await outcome(run(r.tdb.deps, adminActor(r.scene.territoryId), { ticketSerial: r.serials[this.i] }, { reason: 'Contrôle' }));
    expect(got).toBe(expected === null ? null : 'invalid_transition');
  }
}

class Claim extends Step {
  constructor(readonly i: number) {
    super();
  }
  check() {
    return true;
  }
  toString() {
    return `claim(${this.i})`;
  }
  async act(m: Model, r: Real) {
    // Claim assembly belongs to issue #5: a claim line on the live redemption, and the ticket
    // moved conditionally from redeemed to claimed, audited.
    const expected = step(m, this.i, { type: 'claim' });
    const moved = await r.tdb.deps.db.transaction().execute(async (trx) => {
      const live = await trx.selectFrom('redemptions').select(['id', 'structure_id']).where('ticket_id', '=', r.ids[this.i]).where('undone_at', 'is', null).executeTakeFirst();
      const rows = await trx.updateTable('tickets').set({ status: 'claimed' }).where('id', '=', r.ids[this.i]).where('status', '=', 'redeemed').returning('id').execute();
      if (!rows.length || !live) return false;
      const claimId = randomUUID();
      await trx.insertInto('claims').values({ id: claimId, structure_id: live.structure_id, campaign_id: r.scene.campaign.id, period: '2026-06', status: 'submitted', attestation: null, submitted_at: null, submitted_by: null, reviewed_at: null, reviewed_by: null, created_at: START } as never).execute();
      await trx.insertInto('claim_lines').values({ id: randomUUID(), claim_id: claimId, ticket_id: r.ids[this.i], redemption_id: live.id, amount_cents: 1000, status: 'pending', reject_reason: null, contest_note: null } as never).execute();
      await appendAudit(trx, { at: new Date(m.now).toISOString(), territoryId: null, actorId: null, actorLabel: 'test', action: 'ticket.claimed', targetType: 'ticket', targetId: r.ids[this.i] });
      return true;
    });
    expect(moved).toBe(expected === null);
  }
}

class Expire extends Step {
  check() {
    return true;
  }
  toString() {
    return 'expire()';
  }
  async act(m: Model) {
    for (let i = 0; i < m.tickets.length; i++) step(m, i, { type: 'expire', at: new Date(m.now) });
    const [o] = await runJobs(tdb.deps, ['expiry']);
    expect(o.status).toBe('done');
  }
}

class Advance extends Step {
  constructor(readonly ms: number) {
    super();
  }
  check() {
    return true;
  }
  toString() {
    return `advance(${Math.round(this.ms / 3_600_000)} h)`;
  }
  async act(m: Model, r: Real) {
    m.now += this.ms;
    r.tdb.clock.set(new Date(m.now).toISOString());
  }
}

async function verify(m: Model, r: Real, before: Awaited<ReturnType<typeof snapshot>>, seq: number) {
  const after = await snapshot(r);
  // 1. the database agrees with the model
  expect(after.map((t) => t.status)).toEqual(m.tickets.map((t) => t.state.status));
  expect(after.map((t) => t.blocked_from)).toEqual(m.tickets.map((t) => (t.state.status === 'blocked' ? t.state.blockedFrom : null)));
  const redemptions = await r.tdb.deps.db.selectFrom('redemptions').select(['ticket_id', 'redeemed_at', 'undone_at']).where('ticket_id', 'in', r.ids).execute();
  for (const [i, id] of r.ids.entries()) {
    const live = redemptions.filter((x) => x.ticket_id === id && x.undone_at === null);
    const s = m.tickets[i].state;
    const used = ['redeemed', 'claimed', 'paid'].includes(s.status) || (s.status === 'blocked' && s.blockedFrom === 'redeemed');
    // 2. at most one live redemption per ticket, and exactly one while it is used
    expect(live.length).toBe(used ? 1 : 0);
  }
  // 3. no redemption after validity (Paris day)
  for (const x of redemptions) expect(parisDate(new Date(x.redeemed_at)) <= VALIDITY_END).toBe(true);
  // 4. every state change audited
  const entries = await r.tdb.deps.db.selectFrom('audit_log').select(['target_id', 'details']).where('seq', '>', seq).execute();
  for (const [i, id] of r.ids.entries()) {
    if (before[i].status === after[i].status) continue;
    const audited = entries.some((e) => e.target_id === id || (JSON.parse(e.details).ticketIds ?? []).includes(id));
    expect(audited, `state change of ticket ${i} (${before[i].status} → ${after[i].status}) audited`).toBe(true);
  }
}

describe(`ticket state machine, model-based (${dialectName})`, () => {
  beforeAll(async () => {
    tdb = await createTestDb({ now: START });
    scene = await redemptionScene(tdb.deps, { validity_end: VALIDITY_END });
    const g = given(tdb.deps);
    const b = await g.structure({ territoryId: scene.territoryId, accreditedFor: [scene.campaign.id] });
    const c = await g.structure({ territoryId: scene.territoryId, accreditedFor: [] });
    structures = [
      { actor: scene.mediator.actor, siteId: scene.structure.siteId, accredited: true },
      { actor: mediatorActor(scene.territoryId, b.id, 'mediator-b'), siteId: b.siteId, accredited: true },
      { actor: mediatorActor(scene.territoryId, c.id, 'mediator-c'), siteId: c.siteId, accredited: false },
    ];
  });
  afterAll(async () => tdb.close());

  it('random sequences keep the invariants and follow the domain model', { timeout: 600_000 }, async () => {
    const ticket = fc.integer({ min: 0, max: 2 });
    const commands = fc.commands(
      [
        ticket.map((i) => new Issue(i)),
        fc.tuple(ticket, fc.integer({ min: 0, max: 2 })).map(([i, s]) => new Redeem(i, s)),
        fc.tuple(ticket, fc.integer({ min: 0, max: 1 })).map(([i, s]) => new Redeem(i, s)),
        ticket.map((i) => new Undo(i)),
        ticket.map((i) => new Undo(i)),
        fc.tuple(ticket, fc.boolean()).map(([i, u]) => new Block(i, u)),
        ticket.map((i) => new Claim(i)),
        fc.constant(new Expire()),
        fc
          .oneof(
            { arbitrary: fc.integer({ min: 60_000, max: 12 * 3_600_000 }), weight: 3 },
            { arbitrary: fc.integer({ min: 86_400_000, max: 5 * 86_400_000 }), weight: 1 },
          )
          .map((ms) => new Advance(ms)),
      ],
      { maxCommands: 40, size: 'large' },
    );
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        tdb.clock.set(START);
        const issued = await given(tdb.deps).issuedBooklet({ campaign: scene.campaign, organisationId: scene.organisationId });
        const [stock] = await given(tdb.deps).stockBooklets({ campaign: scene.campaign });
        const tickets = [issued.tickets[0], issued.tickets[1], stock.tickets[0]];
        const setup = () => ({
          model: {
            now: Date.parse(START),
            tickets: [{ status: 'issued' }, { status: 'issued' }, { status: 'in_stock' }].map((state) => ({ state: state as TicketState, redeemed: false })),
          },
          real: {
            tdb, scene, structures,
            ids: tickets.map((t) => t.id), codes: tickets.map((t) => t.code), serials: tickets.map((t) => t.serial),
            lastRedemption: [null, null, null],
          },
        });
        await fc.asyncModelRun(setup, cmds);
      }),
      { numRuns: dialectName === 'postgresql' ? 25 : 40 },
    );
  });
});
