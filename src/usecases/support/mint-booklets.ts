import type { BookletTable, CampaignTable, TicketTable } from '../../db/schema.ts';
import { bookletSerial, ticketSerial } from '../../domain/serials.ts';
import { codeFromRandom } from '../../domain/ticket-code.ts';
import { insertBookletsWithTickets, reserveBookletSequences } from '../../repositories/booklets.ts';
import type { Tx } from '../../repositories/tx.ts';
import type { Deps } from './deps.ts';

export interface MintedBooklet {
  id: string;
  serial: string;
  tickets: { id: string; idx: number; serial: string; code: string }[];
}

export interface MintInput {
  campaign: Pick<CampaignTable, 'id' | 'year' | 'tickets_per_booklet' | 'face_value_cents' | 'validity_end'>;
  communeInsee: string;
  count: number;
  /** Issued booklets are linked to a person; stock booklets wait for hand-out. */
  issue?: { beneficiaryId: string; personKey: string; organisationId: string; issuedBy: string; overrideReason?: string | null; replacesBookletId?: string | null; ticketCount?: number };
  printBatchId?: string | null;
}

/** Draws a fresh ticket code from the cryptographic source (redraws the ~14 % unusable draws). */
export function drawCode(deps: Pick<Deps, 'randomBytes'>): string {
  for (;;) {
    const code = codeFromRandom(deps.randomBytes(11));
    if (code) return code;
  }
}

/**
 * Draws `count` fresh ticket codes with one call to the cryptographic source per batch (11 bytes
 * a code, ~14 % of draws discarded, so a fifth more is drawn up front; the rare shortfall is
 * drawn again). Each code is built from its own 11 bytes, exactly as drawCode does.
 */
export function drawCodes(deps: Pick<Deps, 'randomBytes'>, count: number): string[] {
  const codes: string[] = [];
  while (codes.length < count) {
    const wanted = count - codes.length;
    const bytes = deps.randomBytes(11 * (Math.ceil(wanted * 1.2) + 2));
    for (let o = 0; o + 11 <= bytes.length && codes.length < count; o += 11) {
      const code = codeFromRandom(bytes.subarray(o, o + 11));
      if (code) codes.push(code);
    }
  }
  return codes;
}

/**
 * Creates booklets and their tickets inside the caller's transaction: serials from the locked
 * counter, codes from the cryptographic source, stored as keyed hash + encrypted copy for reprints.
 * Returns the codes in clear — the only time they exist outside the database.
 */
export async function mintBooklets(deps: Deps, trx: Tx, input: MintInput): Promise<MintedBooklet[]> {
  const { campaign, communeInsee, count, issue } = input;
  // Serials read "year-commune-sequence" and are unique: the sequence runs per year and commune
  // (not per campaign), so two campaigns of the same year never print the same serial.
  const first = await reserveBookletSequences(trx, `year:${campaign.year}`, communeInsee, count);
  const now = deps.now().toISOString();
  const booklets: BookletTable[] = [];
  const tickets: TicketTable[] = [];
  const minted: MintedBooklet[] = [];
  const perBooklet = issue?.ticketCount ?? campaign.tickets_per_booklet;
  const codes = drawCodes(deps, count * perBooklet);
  for (let b = 0; b < count; b++) {
    const id = deps.newId();
    const serial = bookletSerial(campaign.year, communeInsee, first + b);
    booklets.push({
      id,
      campaign_id: campaign.id,
      serial,
      commune_insee: communeInsee,
      status: issue ? 'issued' : 'in_stock',
      beneficiary_id: issue?.beneficiaryId ?? null,
      person_key: issue?.personKey ?? null,
      organisation_id: issue?.organisationId ?? null,
      issued_by: issue?.issuedBy ?? null,
      issued_at: issue ? now : null,
      print_batch_id: input.printBatchId ?? null,
      replaces_booklet_id: issue?.replacesBookletId ?? null,
      override_reason: issue?.overrideReason ?? null,
      cancel_reason: null,
      created_at: now,
    });
    const mintedTickets: MintedBooklet['tickets'] = [];
    for (let idx = 1; idx <= perBooklet; idx++) {
      const code = codes[b * perBooklet + idx - 1];
      const ticketId = deps.newId();
      const tSerial = ticketSerial(serial, idx);
      tickets.push({
        id: ticketId,
        booklet_id: id,
        campaign_id: campaign.id,
        idx,
        serial: tSerial,
        code_hash: deps.secrets.hashCode(code),
        code_encrypted: deps.secrets.encryptCode(code),
        status: issue ? 'issued' : 'in_stock',
        blocked_from: null,
        face_value_cents: campaign.face_value_cents,
        valid_until: campaign.validity_end,
        issued_at: issue ? now : null,
        redeemed_at: null,
        structure_id: null,
        updated_at: now,
      });
      mintedTickets.push({ id: ticketId, idx, serial: tSerial, code });
    }
    minted.push({ id, serial, tickets: mintedTickets });
  }
  await insertBookletsWithTickets(trx, booklets, tickets);
  return minted;
}
