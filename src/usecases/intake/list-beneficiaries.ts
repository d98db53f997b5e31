import type { Actor } from '../../domain/actor.ts';
import { PROFILE_LABELS, type ProfileId } from '../../domain/diagnostic.ts';
import { invalid } from '../../domain/errors.ts';
import { isValidDate, parisDate } from '../../domain/paris-time.ts';
import { searchTerms } from '../../domain/person.ts';
import { searchBeneficiaries } from '../../repositories/beneficiaries.ts';
import { bookletSummaries, latestProfiles } from '../../repositories/read-models/beneficiary-booklets.ts';
import { listCommunes } from '../../repositories/territories.ts';
import { requireAgent } from '../support/agent-scope.ts';
import { bookletSummaryView } from '../support/booklet-summary.ts';
import type { Deps } from '../support/deps.ts';

export interface ListBeneficiariesInput {
  q?: string;
  birthDate?: string;
  page?: number;
  pageSize?: number;
}

/**
 * The agent's organisation's beneficiaries (issue #3, item 1), searchable by name — accents, case,
 * hyphens and apostrophes ignored — and birth date, with their booklet status and unused tickets.
 */
export async function listBeneficiaries(deps: Deps, actor: Actor, input: ListBeneficiariesInput) {
  const organisationId = requireAgent(actor);
  if (input.birthDate && !isValidDate(input.birthDate)) throw invalid('birthDate', 'La date de naissance n’est pas une date valide (AAAA-MM-JJ).');
  const pageSize = Math.min(Math.max(input.pageSize ?? 50, 1), 200);
  const page = Math.max(input.page ?? 1, 1);
  const rows = await searchBeneficiaries(deps.db, {
    organisationId,
    terms: searchTerms(input.q ?? ''),
    birthDate: input.birthDate,
    limit: pageSize + 1,
    offset: (page - 1) * pageSize,
  });
  const items = rows.slice(0, pageSize);
  const ids = items.map((b) => b.id);
  const [booklets, profiles, communes] = await Promise.all([bookletSummaries(deps.db, ids), latestProfiles(deps.db, ids), listCommunes(deps.db, actor.territoryId)]);
  const communeName = new Map(communes.map((c) => [c.inseeCode, c.name]));
  const today = parisDate(deps.now());
  return {
    page,
    pageSize,
    hasMore: rows.length > pageSize,
    items: items.map((b) => {
      const mine = booklets.filter((k) => k.beneficiary_id === b.id).map((k) => bookletSummaryView(k, today));
      const current = mine.find((k) => k.status === 'issued' && !k.expired) ?? mine[0] ?? null;
      const profile = profiles.get(b.id) ?? null;
      return {
        id: b.id,
        firstName: b.first_name,
        birthName: b.birth_name,
        usageName: b.usage_name,
        birthDate: b.birth_date,
        communeInsee: b.commune_insee,
        communeName: communeName.get(b.commune_insee) ?? null,
        profile,
        profileLabel: profile ? (PROFILE_LABELS[profile as ProfileId] ?? profile) : null,
        booklet: current,
        booklets: mine,
        unusedTickets: mine.reduce((s, k) => s + k.unusedTickets, 0),
        createdAt: b.created_at,
      };
    }),
  };
}
