import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { renderBookletPdf, type BookletPdfData, type BookletPdfPlace } from '../../exports/booklet-pdf.ts';
import { getBeneficiary } from '../../repositories/beneficiaries.ts';
import { findBooklet, findCampaign, listBookletTickets } from '../../repositories/issuance.ts';
import { getTerritory } from '../../repositories/territories.ts';
import { listBeneficiaryBookings } from '../../repositories/training-sessions.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { requireAgent } from '../support/agent-scope.ts';
import { audit } from '../support/audit.ts';
import { needsOf } from '../support/beneficiary-needs.ts';
import type { Deps } from '../support/deps.ts';
import { fullAddress, suggestPlaces, type SuggestedPlace } from '../support/places.ts';
import { territoryContact } from '../support/territory-contact.ts';
import { bookletNotFound } from './replace-booklet.ts';

export const PLACES_ON_COVER = 3;

/** A suggested place as the booklet prints it. */
export function bookletPlace(p: SuggestedPlace): BookletPdfPlace {
  const address = [p.siteName, fullAddress(p)].filter((x) => x && !p.structureName.startsWith(x)).join(', ');
  return { name: p.structureName, address, phone: p.phone, openingHours: p.openingHoursText };
}

/**
 * The printable booklet of a person (issue #3, item 5). Only the issuing organisation may print
 * it; any other booklet answers exactly like an unknown id. Codes are decrypted for the print
 * (the same codes as at issuance; a lost booklet is replaced, which revokes them).
 */
export async function getBookletPdf(deps: Deps, actor: Actor, bookletId: string): Promise<{ filename: string; pdf: Buffer }> {
  const organisationId = requireAgent(actor);
  const booklet = await findBooklet(deps.db, bookletId);
  if (!booklet || booklet.organisation_id !== organisationId || !booklet.beneficiary_id) throw bookletNotFound();
  const campaign = await findCampaign(deps.db, booklet.campaign_id);
  if (!campaign || campaign.territory_id !== actor.territoryId) throw bookletNotFound();
  if (booklet.status !== 'issued') {
    throw new DomainError('cancelled', 'Ce carnet a été annulé ou remplacé : ses codes ne valent plus rien, il ne peut pas être imprimé.', { status: booklet.status });
  }
  const [beneficiary, tickets, territory, needs] = await Promise.all([
    getBeneficiary(deps.db, booklet.beneficiary_id),
    listBookletTickets(deps.db, [booklet.id]),
    getTerritory(deps.db, campaign.territory_id),
    needsOf(deps.db, booklet.beneficiary_id),
  ]);
  if (!beneficiary) throw bookletNotFound();
  const now = deps.now();
  const places = await suggestPlaces(deps.db, campaign, { services: needs.services, communeInsee: beneficiary.commune_insee, supportMode: needs.supportMode }, PLACES_ON_COVER);
  const [session] = await listBeneficiaryBookings(deps.db, beneficiary.id, now.toISOString());
  const data: BookletPdfData = {
    programme: territory?.name ?? '',
    help: territory ? territoryContact(territory) : null,
    campaignName: campaign.name,
    serial: booklet.serial,
    holderFirstName: beneficiary.first_name,
    validUntil: campaign.validity_end,
    faceValueCents: campaign.face_value_cents,
    needs: needs.needs.map((n) => n.label),
    places: places.map(bookletPlace),
    bookedSession: session
      ? { title: session.title, startsAt: session.starts_at, durationMinutes: session.duration_minutes, place: session.structure_name, address: fullAddress({ address: session.address, postalCode: session.postal_code, communeName: session.commune_name }), phone: session.site_phone ?? session.structure_phone }
      : null,
    tickets: tickets.map((t) => ({ index: t.idx, serial: t.serial, code: deps.secrets.decryptCode(t.code_encrypted!) })),
    ticketCount: tickets.length,
  };
  const pdf = await renderBookletPdf([data], `Carnet ${booklet.serial}`);
  await inTransaction(deps.db, (trx) => audit(trx, actor, now, 'booklet.printed', { type: 'booklet', id: booklet.id }, { serial: booklet.serial }));
  return { filename: `carnet-${booklet.serial}.pdf`, pdf };
}
