import { describe, expect, it } from 'vitest';
import { codeFromRandom, formatCode } from '../../../src/domain/ticket-code.ts';
import type { TicketCheck } from '../api/mediator.ts';
import { addToBasket, basketTotal, codeFromScan, durationLabel, holderName, serviceErrors, ticketCard, uuidV4FromBytes } from './mediator.ts';

function code(seed: number): string {
  for (let s = seed; ; s += 101) {
    const c = codeFromRandom(new Uint8Array(11).map((_, i) => (i * 53 + s * 17) % 256));
    if (c) return c;
  }
}

function check(over: Partial<TicketCheck> = {}): TicketCheck {
  return {
    serial: '2026-62498-000001-1', bookletSerial: '2026-62498-000001', index: 1, status: 'issued', statusLabel: 'Remis au bénéficiaire',
    faceValueCents: 1000, validUntil: '2027-01-31', campaign: { id: 'c', name: 'Pass numérique 2026', year: 2026 },
    holder: { firstName: 'Jeanne', lastNameInitial: 'M' }, usable: true, refusal: null, ...over,
  };
}

describe('mediator presenters', () => {
  it('reads the ticket code in a QR code: raw, formatted, lower case, or at the end of a link', () => {
    const c = code(1);
    expect(codeFromScan(c)).toBe(c);
    expect(codeFromScan(formatCode(c).toLowerCase())).toBe(c);
    expect(codeFromScan(`https://passnum.example/t/${c}`)).toBe(c);
    expect(codeFromScan('https://example.org/')).toBeNull();
    const typo = c.slice(0, -1) + (c.endsWith('0') ? '1' : '0');
    expect(codeFromScan(typo)).toBeNull();
  });

  it('shows the holder as first name and initial, and a usable ticket as valid with its date', () => {
    expect(holderName({ firstName: 'Jeanne', lastNameInitial: 'M' })).toBe('Jeanne M.');
    expect(holderName(null)).toBeNull();
    const card = ticketCard(check());
    expect(card).toMatchObject({ kind: 'valable', title: 'Ticket valable', holder: 'Jeanne M.' });
    expect(card.announcement).toBe('Ticket valable de Jeanne M., jusqu’au 31 janvier 2027.');
  });

  it('puts the server’s refusal first on a refused ticket', () => {
    const card = ticketCard(check({ usable: false, status: 'redeemed', statusLabel: 'Utilisé', refusal: { code: 'already_redeemed', message: 'Ticket déjà utilisé le 3 mars.', details: {} } }));
    expect(card.kind).toBe('refuse');
    expect(card.lines[0]).toBe('Ticket déjà utilisé le 3 mars.');
  });

  it('keeps one booklet per redemption, each ticket once, in ticket order', () => {
    const one = addToBasket([], { code: 'A', check: check({ index: 3, serial: 's3' }) });
    expect(one.ok).toBe(true);
    if (!one.ok) return;
    const two = addToBasket(one.basket, { code: 'B', check: check({ index: 1, serial: 's1' }) });
    expect(two.ok && two.basket.map((b) => b.check.index)).toEqual([1, 3]);
    expect(addToBasket(one.basket, { code: 'A', check: check({ index: 3, serial: 's3' }) })).toMatchObject({ ok: false });
    const other = addToBasket(one.basket, { code: 'C', check: check({ bookletSerial: '2026-62498-000002', serial: 'x' }) });
    expect(other.ok).toBe(false);
    expect(!other.ok && other.message).toContain('autre carnet');
    expect(addToBasket([], { code: 'D', check: check({ usable: false }) }).ok).toBe(false);
    expect(two.ok && basketTotal(two.basket)).toBe(2000);
  });

  it('requires format, a theme, a duration and a site; words durations the French way', () => {
    expect(Object.keys(serviceErrors({ format: '', themes: [], durationMinutes: '', siteId: '' }))).toEqual(['format', 'themes-mediation', 'duree', 'lieu']);
    expect(serviceErrors({ format: 'individuel', themes: ['Email'], durationMinutes: '60', siteId: 's' })).toEqual({});
    expect([45, 60, 90].map(durationLabel)).toEqual(['45 min', '1 h', '1 h 30']);
  });

  it('builds RFC 4122 version-4 UUIDs from random bytes', () => {
    const id = uuidV4FromBytes(new Uint8Array(16).fill(255));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
