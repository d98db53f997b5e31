import { describe, expect, it } from 'vitest';
import { refusalError } from '../src/domain/redemption-refusal.ts';
import { parseCodes, validateService } from '../src/domain/redemption.ts';
import { THEMES } from '../src/domain/themes.ts';
import { codeFromRandom, formatCode } from '../src/domain/ticket-code.ts';
import { applyEvent, redemptionRefusal, type TicketEventType, type TicketState, type TicketStatus } from '../src/domain/ticket.ts';

const AT = new Date('2026-03-15T10:00:00Z');
const stateOf = (status: TicketStatus): TicketState =>
  status === 'redeemed' || status === 'claimed' || status === 'paid'
    ? { status, structureId: 's1', redeemedAt: '2026-03-01T10:00:00.000Z' }
    : status === 'blocked'
      ? { status, blockedFrom: 'issued', structureId: null, redeemedAt: null }
      : ({ status } as TicketState);
const eventOf = (type: TicketEventType, at = AT) =>
  type === 'redeem' ? { type, structureId: 's2', at } : type === 'expire' ? { type, at } : { type };

// Every (status, event) pair: the next status, or null when refused. No step is skipped.
const TABLE: Record<TicketStatus, Partial<Record<TicketEventType, TicketStatus>>> = {
  in_stock: { issue: 'issued', cancel: 'cancelled', block: 'blocked' },
  issued: { redeem: 'redeemed', cancel: 'cancelled', block: 'blocked' },
  redeemed: { undo: 'issued', claim: 'claimed', block: 'blocked' },
  claimed: { unclaim: 'redeemed', pay: 'paid' },
  paid: {},
  cancelled: {},
  expired: {},
  blocked: { unblock: 'issued' },
};
const EVENTS: TicketEventType[] = ['issue', 'redeem', 'undo', 'claim', 'unclaim', 'pay', 'cancel', 'expire', 'block', 'unblock'];

describe('ticket state machine (pure)', () => {
  it.each(Object.keys(TABLE) as TicketStatus[])('from %s, only the allowed events move the ticket', (status) => {
    for (const type of EVENTS) {
      const res = applyEvent({ validUntil: '2027-01-31', state: stateOf(status) }, eventOf(type));
      expect(res.ok ? res.state.status : null, `${status} + ${type}`).toBe(TABLE[status][type] ?? null);
    }
  });

  it('expires an issued ticket only after its Paris validity day', () => {
    const t = { validUntil: '2026-03-14', state: stateOf('issued') };
    expect(applyEvent(t, eventOf('expire', new Date('2026-03-14T22:59:59Z')))).toEqual({ ok: false, reason: 'not_yet_expired' });
    expect(applyEvent(t, eventOf('expire', new Date('2026-03-14T23:00:00Z')))).toEqual({ ok: true, state: { status: 'expired' } });
  });

  it('unblocking returns to the state the ticket was blocked from, structure and date included', () => {
    const redeemed = stateOf('redeemed');
    const blocked = applyEvent({ validUntil: '2027-01-31', state: redeemed }, { type: 'block' });
    expect(blocked).toEqual({ ok: true, state: { status: 'blocked', blockedFrom: 'redeemed', structureId: 's1', redeemedAt: '2026-03-01T10:00:00.000Z' } });
    const back = applyEvent({ validUntil: '2027-01-31', state: blocked.ok ? blocked.state : redeemed }, { type: 'unblock' });
    expect(back).toEqual({ ok: true, state: redeemed });
  });

  it('names why a ticket cannot be redeemed', () => {
    const refusal = (status: TicketStatus, validUntil = '2027-01-31') => redemptionRefusal({ validUntil, state: stateOf(status) }, AT);
    expect(refusal('issued')).toBeNull();
    expect(refusal('issued', '2026-03-14')).toBe('expired');
    expect(['in_stock', 'redeemed', 'claimed', 'paid', 'cancelled', 'expired', 'blocked'].map((s) => refusal(s as TicketStatus))).toEqual([
      'not_issued', 'already_redeemed', 'already_redeemed', 'already_redeemed', 'cancelled', 'expired', 'blocked',
    ]);
  });
});

describe('redemption request (pure)', () => {
  it('normalises codes, counts a repeated code once, and reports bad positions without saying why', () => {
    let code: string | null = null;
    for (let seed = 1; !code; seed++) code = codeFromRandom(new Uint8Array(11).fill(seed));
    const wrongCheck = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    const { codes, invalidPositions } = parseCodes(['ABC', formatCode(code).toLowerCase(), code, wrongCheck]);
    expect(invalidPositions).toEqual([1, 4]);
    expect(codes).toEqual([{ code, position: 2 }]);
    expect(() => parseCodes([])).toThrow(/au moins un code/);
    expect(() => parseCodes(Array(51).fill(code))).toThrow(/Au plus 50 tickets/);
  });

  it('validates the service delivered against the closed lists', () => {
    expect(validateService({ format: 'collectif', themes: ['Email', 'Email'], durationMinutes: 120, siteId: 's' })).toEqual({ format: 'collectif', themes: ['Email'], durationMinutes: 120, siteId: 's' });
    expect(() => validateService({ format: 'webinaire', themes: ['Email'], durationMinutes: 60, siteId: 's' })).toThrow(/individuel ou atelier collectif/);
    expect(() => validateService({ format: 'individuel', themes: [], durationMinutes: 60, siteId: 's' })).toThrow(/au moins une thématique/);
    expect(() => validateService({ format: 'individuel', themes: ['Cuisine'], durationMinutes: 60, siteId: 's' })).toThrow(/« Cuisine » n’existe pas/);
    expect(() => validateService({ format: 'individuel', themes: ['Email'], durationMinutes: 601, siteId: 's' })).toThrow(/entre 5 minutes et 10 heures/);
  });

  it('themes are the Coop’s identifiers with French labels, each once', () => {
    expect(new Set(THEMES.map((t) => t.id)).size).toBe(THEMES.length);
    expect(THEMES.find((t) => t.id === 'PrendreEnMainDuMateriel')?.label).toBe('Prendre en main du matériel');
  });

  it('answers a multi-ticket refusal with the most serious reason and lists every ticket', () => {
    const e = refusalError(
      [
        { position: 1, code: 'expired', serial: 'S-1', facts: { validUntil: '2023-01-31' } },
        { position: 2, code: 'already_redeemed', serial: 'S-2', facts: { redeemedAt: '2026-03-15T10:05:00.000Z', structureName: 'Médiathèque' } },
      ],
      3,
    );
    expect(e.code).toBe('already_redeemed');
    expect(e.messageFr).toBe('Aucun ticket n’a été utilisé. Ce ticket a déjà été utilisé le 15/03/2026 à 11:05 par « Médiathèque ». Il ne peut pas servir une deuxième fois.');
    expect(e.details).toMatchObject({ serial: 'S-2', tickets: [{ position: 1, reason: 'expired', validUntil: '2023-01-31' }, { position: 2, reason: 'already_redeemed' }] });
  });
});
