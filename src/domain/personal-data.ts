// Personal data (docs/product.md "Rules that hold everywhere"): kept two years after the last contact
// (configurable), then anonymised; statistics survive. A person may ask for their data (export)
// and for its erasure, which the programme grants unless the person still holds a usable booklet.
import { DomainError } from './errors.ts';
import { frenchDate } from './paris-time.ts';
import { ageOn } from './person.ts';

/** The instant `months` months before `now`: people without contact since then are anonymised. */
export function retentionCutoff(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

export const AGE_BANDS = ['moins de 25 ans', '25-39 ans', '40-59 ans', '60-74 ans', '75 ans et plus'] as const;

/** What is kept of the birth date once a person is anonymised: an age band at their last contact. */
export function ageBand(birthDate: string, day: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const age = ageOn(birthDate, day);
  if (age < 25) return AGE_BANDS[0];
  if (age < 40) return AGE_BANDS[1];
  if (age < 60) return AGE_BANDS[2];
  if (age < 75) return AGE_BANDS[3];
  return AGE_BANDS[4];
}

/**
 * Erasure on request (RGPD art. 17) is refused while the person holds tickets they can still use:
 * erasing them would leave a booklet nobody can check the holder of. The agent cancels the booklet
 * first (with the person's agreement), then erases. Used, claimed and paid tickets do not prevent
 * it: accounting keeps them, linked to an anonymous person.
 */
export function checkErasureAllowed(p: { anonymisedAt: string | null; liveTickets: number; liveUntil: string | null }): void {
  if (p.anonymisedAt) throw new DomainError('erasure_refused', 'Les données de cette personne ont déjà été effacées.');
  if (p.liveTickets > 0) {
    throw new DomainError(
      'erasure_refused',
      `Cette personne a encore ${p.liveTickets} ticket${p.liveTickets > 1 ? 's' : ''} utilisable${p.liveTickets > 1 ? 's' : ''}${p.liveUntil ? ` (jusqu’au ${frenchDate(p.liveUntil)})` : ''}. Annulez d’abord son carnet avec son accord, puis effacez ses données.`,
      { liveTickets: p.liveTickets },
    );
  }
}

function parseJson<T>(text: string | null | undefined, fallback: T): T {
  try {
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

/** A diagnostic's answers and needs in words, from the model it was made with (ids when unknown). */
export function describeDiagnostic(modelJson: string | null, answersJson: string, needsJson: string) {
  const model = parseJson<{ questions?: { id: string; label: string; options?: { id: string; label: string }[] }[]; needs?: { id: string; label: string }[] }>(modelJson, {});
  const answers = parseJson<Record<string, string>>(answersJson, {});
  const needs = parseJson<string[]>(needsJson, []);
  const questions = new Map((model.questions ?? []).map((q) => [q.id, q]));
  const needLabels = new Map((model.needs ?? []).map((n) => [n.id, n.label]));
  return {
    answers: Object.entries(answers).map(([qid, oid]) => {
      const q = questions.get(qid);
      return { question: q?.label ?? qid, answer: q?.options?.find((o) => o.id === oid)?.label ?? String(oid) };
    }),
    needs: (Array.isArray(needs) ? needs : []).map((n) => needLabels.get(String(n)) ?? String(n)),
  };
}
