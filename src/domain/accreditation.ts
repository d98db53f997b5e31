// Accreditation of a structure for one campaign (habilitation): the financer decides, with a date,
// a person and a reason, following published criteria (docs/product.md problem 3).
import { DomainError, invalid } from './errors.ts';

export type AccreditationStatus = 'applied' | 'accredited' | 'suspended' | 'withdrawn';
export type AccreditationDecision = Exclude<AccreditationStatus, 'applied'>;

/** The allowed transitions: applied → accredited / withdrawn; accredited ⇄ suspended; any live state → withdrawn. */
export const ACCREDITATION_TRANSITIONS: Record<AccreditationStatus, readonly AccreditationDecision[]> = {
  applied: ['accredited', 'withdrawn'],
  accredited: ['suspended', 'withdrawn'],
  suspended: ['accredited', 'withdrawn'],
  withdrawn: [],
};

export const ACCREDITATION_LABELS: Record<AccreditationStatus, string> = {
  applied: 'candidature déposée',
  accredited: 'habilitée',
  suspended: 'suspendue',
  withdrawn: 'retirée',
};

export function canTransition(from: AccreditationStatus, to: AccreditationDecision): boolean {
  return ACCREDITATION_TRANSITIONS[from].includes(to);
}

/** Refuses a transition not in the table; suspending or withdrawing needs a written reason. */
export function assertTransition(from: AccreditationStatus, to: AccreditationDecision, reason: string | null): void {
  if (!canTransition(from, to)) {
    throw new DomainError(
      'invalid_transition',
      `Impossible de passer une habilitation de l’état « ${ACCREDITATION_LABELS[from]} » à l’état « ${ACCREDITATION_LABELS[to]} ».`,
      { from, to },
    );
  }
  if ((to === 'suspended' || to === 'withdrawn') && !reason?.trim()) {
    throw invalid('reason', 'Indiquez le motif de la suspension ou du retrait : il est communiqué à la structure.');
  }
}

export interface CampaignAccreditation { campaignName: string; status: AccreditationStatus | null; reason: string | null }
export interface AccreditationNoticeItem { campaignName: string; status: AccreditationStatus | 'none'; statusLabel: string; nextStep: string }

/**
 * What a structure's mediator is told on arrival about the open campaigns: whether the structure
 * may take tickets (accredited for at least one open campaign) and, for each campaign where it may
 * not, its application's status and the next step — before a resident's ticket is refused.
 */
export function accreditationNotice(open: CampaignAccreditation[]): { accredited: boolean; items: AccreditationNoticeItem[] } {
  const items = open.map((c): AccreditationNoticeItem => {
    const name = `« ${c.campaignName} »`;
    const why = c.reason ? ` (motif : ${c.reason})` : '';
    switch (c.status) {
      case 'accredited':
        return { campaignName: c.campaignName, status: 'accredited', statusLabel: 'habilitée', nextStep: `Votre structure accepte les tickets de la campagne ${name}.` };
      case 'applied':
        return { campaignName: c.campaignName, status: 'applied', statusLabel: 'candidature en cours d’examen', nextStep: `La candidature de votre structure à la campagne ${name} est en cours d’examen par l’équipe du pass numérique. Les tickets seront acceptés dès l’habilitation : rien d’autre à faire que d’attendre sa décision.` };
      case 'suspended':
        return { campaignName: c.campaignName, status: 'suspended', statusLabel: 'habilitation suspendue', nextStep: `L’habilitation de votre structure pour la campagne ${name} est suspendue${why}. Le ou la responsable de votre structure doit prendre contact avec l’équipe du pass numérique.` };
      case 'withdrawn':
        return { campaignName: c.campaignName, status: 'withdrawn', statusLabel: 'habilitation retirée', nextStep: `L’habilitation de votre structure pour la campagne ${name} a été retirée${why}. Le ou la responsable de votre structure peut prendre contact avec l’équipe du pass numérique.` };
      default:
        return { campaignName: c.campaignName, status: 'none', statusLabel: 'pas de candidature', nextStep: `Votre structure n’a pas candidaté à la campagne ${name}. Le ou la responsable de votre structure peut candidater depuis « Ma structure » ; l’équipe du pass numérique décide ensuite.` };
    }
  });
  return { accredited: items.some((i) => i.status === 'accredited'), items };
}
