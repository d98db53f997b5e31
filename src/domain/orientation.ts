// Orientation (issue #3, item 7): from the services a person needs, the accredited places whose
// national-schema services match — in the person's commune first, then the rest of the territory.

export interface PlaceCandidate {
  structureId: string;
  structureName: string;
  siteId: string;
  siteName: string;
  address: string;
  postalCode: string;
  communeInsee: string;
  communeName: string | null;
  phone: string | null;
  openingHours: string | null;
  services: string[];
  supportModes: string[];
  specificSupport: string[];
}

export interface RankedPlace extends PlaceCandidate {
  matchedServices: string[];
  inCommune: boolean;
}

export interface OrientationQuery {
  /** National-schema services wanted (from the needs); empty: every accredited place. */
  services: string[];
  communeInsee: string;
  /** Suggested support mode (from the profile), e.g. "Accompagnement individuel". */
  supportMode?: string | null;
  /** Accessibility needs asked at the desk (never stored per person), e.g. "Déficience visuelle". */
  specificSupport?: string[];
  /** The services the campaign pays for (its eligible services); empty or absent: every service. */
  eligibleServices?: string[];
}

/**
 * The services to look for: the person's that the campaign pays for; if none of theirs is, any the
 * campaign pays for (the tickets are spent on those only).
 */
function servicesToLookFor(q: Pick<OrientationQuery, 'services' | 'eligibleServices'>): string[] {
  const eligible = q.eligibleServices ?? [];
  if (!eligible.length) return q.services;
  const paid = q.services.filter((s) => eligible.includes(s));
  return paid.length ? paid : eligible;
}

/** Splits a national-schema multi-value field (pipe separated). */
export function splitValues(value: string | null | undefined): string[] {
  return (value ?? '').split('|').map((s) => s.trim()).filter(Boolean);
}

/** Places matching at least one wanted service the campaign pays for (and every accessibility need), best first. */
export function rankPlaces(candidates: PlaceCandidate[], q: OrientationQuery): RankedPlace[] {
  const wanted = new Set(servicesToLookFor(q));
  const support = q.specificSupport ?? [];
  const ranked = candidates
    .map((c) => ({
      ...c,
      matchedServices: c.services.filter((s) => wanted.has(s)),
      inCommune: c.communeInsee === q.communeInsee,
    }))
    .filter((c) => (wanted.size === 0 || c.matchedServices.length > 0) && support.every((s) => c.specificSupport.includes(s)));
  const modeScore = (c: RankedPlace) => (q.supportMode && c.supportModes.includes(q.supportMode) ? 1 : 0);
  return ranked.sort(
    (a, b) =>
      Number(b.inCommune) - Number(a.inCommune) ||
      b.matchedServices.length - a.matchedServices.length ||
      modeScore(b) - modeScore(a) ||
      a.structureName.localeCompare(b.structureName, 'fr') ||
      a.siteName.localeCompare(b.siteName, 'fr'),
  );
}

/**
 * The national programmes whose places do a procedure for the person (issue #18, item 5): a France
 * Services counter, or an Aidants Connect helper authorised to act on the person's behalf.
 */
export const DO_FOR_THEM_PROGRAMMES = ['France Services', 'Aidants Connect'] as const;

export type HelperCandidate = PlaceCandidate & { nationalProgrammes: string[] };
export type HelperPlace = HelperCandidate & { programmes: string[]; inCommune: boolean };

/**
 * Places of the territory labelled France Services or Aidants Connect (accredited for the pass or
 * not: they take no ticket), that meet every accessibility need asked; own commune first, then
 * those carrying both labels.
 */
export function rankHelperPlaces(candidates: HelperCandidate[], q: { communeInsee: string; specificSupport?: string[] }): HelperPlace[] {
  const support = q.specificSupport ?? [];
  return candidates
    .map((c) => ({ ...c, programmes: DO_FOR_THEM_PROGRAMMES.filter((p) => c.nationalProgrammes.includes(p)) as string[], inCommune: c.communeInsee === q.communeInsee }))
    .filter((c) => c.programmes.length > 0 && support.every((s) => c.specificSupport.includes(s)))
    .sort(
      (a, b) =>
        Number(b.inCommune) - Number(a.inCommune) ||
        b.programmes.length - a.programmes.length ||
        a.structureName.localeCompare(b.structureName, 'fr') ||
        a.siteName.localeCompare(b.siteName, 'fr'),
    );
}
