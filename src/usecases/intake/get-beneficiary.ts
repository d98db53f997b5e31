import type { Actor } from '../../domain/actor.ts';
import { PROFILE_LABELS, type ProfileId } from '../../domain/diagnostic.ts';
import { parisDate } from '../../domain/paris-time.ts';
import { listDiagnostics } from '../../repositories/diagnostics.ts';
import { findTerritoryCommune, listOpenCampaigns } from '../../repositories/issuance.ts';
import { bookletSummaries } from '../../repositories/read-models/beneficiary-booklets.ts';
import { listBeneficiaryBookings } from '../../repositories/training-sessions.ts';
import { parseChannels } from '../../domain/reminders.ts';
import { beneficiaryReminders, bookletPrints, bookletTickets } from '../../repositories/read-models/person-page.ts';
import { loadOwnBeneficiary } from '../support/agent-scope.ts';
import { reminderView, ticketView } from '../support/person-view.ts';
import { bookletSummaryView } from '../support/booklet-summary.ts';
import type { Deps } from '../support/deps.ts';
import { checkEligibility } from '../support/eligibility-facts.ts';
import { eligibilityView } from '../support/eligibility-view.ts';
import { sessionView } from '../support/session-view.ts';

/** One beneficiary of the agent's organisation: identity, diagnostics, booklets, bookings. */
export async function getBeneficiaryDetails(deps: Deps, actor: Actor, id: string) {
  const b = await loadOwnBeneficiary(deps.db, actor, id);
  const now = deps.now();
  const today = parisDate(now);
  const [commune, diagnostics, booklets, bookings, reminders] = await Promise.all([
    findTerritoryCommune(deps.db, b.territory_id, b.commune_insee),
    listDiagnostics(deps.db, b.id),
    bookletSummaries(deps.db, [b.id]),
    listBeneficiaryBookings(deps.db, b.id, new Date(now.getTime() - 90 * 86_400_000).toISOString()),
    beneficiaryReminders(deps.db, b.id),
  ]);
  const bookletIds = booklets.map((k) => k.id);
  const [tickets, prints] = await Promise.all([bookletTickets(deps.db, bookletIds), bookletPrints(deps.db, bookletIds)]);
  return {
    id: b.id,
    firstName: b.first_name,
    birthName: b.birth_name,
    usageName: b.usage_name,
    birthDate: b.birth_date,
    communeInsee: b.commune_insee,
    communeName: commune?.name ?? null,
    address: b.address,
    phone: b.phone,
    email: b.email,
    contactConsent: b.contact_consent === 1,
    reminderChannels: parseChannels(b.reminder_channels),
    optedOutAt: b.opted_out_at,
    consentAt: b.consent_at,
    priorityMarkers: JSON.parse(b.priority_markers) as string[],
    createdAt: b.created_at,
    diagnostics: diagnostics.map((d) => ({
      id: d.id,
      kind: d.kind,
      previousId: d.previous_id,
      version: d.model_version,
      profile: d.profile,
      profileLabel: PROFILE_LABELS[d.profile as ProfileId] ?? d.profile,
      needs: JSON.parse(d.needs) as string[],
      answers: JSON.parse(d.answers) as Record<string, string>,
      percent: (JSON.parse(d.scores) as { percent?: number }).percent ?? null,
      createdAt: d.created_at,
      // The server's Paris day decides (record-diagnostic.ts): an intake re-done today edits this baseline.
      editsToday: d.kind === 'initial' && parisDate(new Date(d.created_at)) === today,
    })),
    booklets: booklets.map((k) => ({
      ...bookletSummaryView(k, today),
      prints: prints.get(k.id)?.count ?? 0,
      lastPrintedAt: prints.get(k.id)?.lastAt ?? null,
      tickets: tickets.filter((t) => t.booklet_id === k.id).map((t) => ticketView(t, today)),
    })),
    bookings: bookings.map((s) => ({ bookingId: s.booking_id, ...sessionView(s) })),
    reminders: reminders.map(reminderView),
  };
}

/** Eligibility of a beneficiary for each open campaign, with every check and its reason. */
export async function getBeneficiaryEligibility(deps: Deps, actor: Actor, id: string, override?: { reason: string } | null) {
  const b = await loadOwnBeneficiary(deps.db, actor, id);
  const campaigns = await listOpenCampaigns(deps.db, actor.territoryId);
  const now = deps.now();
  return Promise.all(
    campaigns.map(async (c) => ({ campaignId: c.id, campaignName: c.name, ...eligibilityView(await checkEligibility(deps.db, { campaign: c, beneficiary: b, override, now, viewerOrganisationId: actor.organisationId })) })),
  );
}
