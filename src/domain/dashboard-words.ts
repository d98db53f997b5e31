// The dashboards' figures in words an elected official reads without a statistics course (issue
// 22): each count with its rate and what the rate is of, the first-use delay told as "half of the
// people…", the campaign shown by default. Shared by the screen (web/src/pages/dashboards) and the
// printable report (exports/dashboard-report-pdf.ts), so both say exactly the same thing.

const NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** 1234 → "1 234" (French grouping, narrow no-break space); null → "—". */
export function frenchNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : NUMBER.format(n);
}

/** 42.5 → "42,5 %"; null → "—" (nothing to divide). */
export function frenchPercent(p: number | null | undefined): string {
  return p === null || p === undefined ? '—' : `${NUMBER.format(p)}\u00a0%`;
}

export interface FunnelTotals {
  quota: number | null;
  handedOut: number;
  handedOutPercentOfQuota: number | null;
  firstUsed: number;
  firstUsedPercent: number | null;
  allUsed: number;
  allUsedPercent: number | null;
}

export interface FunnelStep {
  key: 'quota' | 'handedOut' | 'firstUsed' | 'allUsed';
  /** The step's name, as in the chart and its table. */
  label: string;
  count: number;
  /** The step's rate of its own reference (null: no reference, or nothing to divide). */
  percent: number | null;
  /** What the rate is of: "du quota", "des carnets remis" (null for the quota itself). */
  of: string | null;
  /** The count and its rate in one sentence: "24 carnets remis — 0,8 % du quota". */
  sentence: string;
}

const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

/**
 * Quota → handed out → first ticket used → all used. Each step's rate is of its own reference
 * (the quota for the booklets handed out, the booklets handed out for the tickets used): a quota of
 * 3,000 would otherwise squash 24 booklets handed out to nothing.
 */
export function funnelSteps(t: FunnelTotals): FunnelStep[] {
  const rate = (p: number | null, of: string) => (p === null ? '' : ` — ${frenchPercent(p)} ${of}`);
  return [
    ...(t.quota !== null
      ? [{ key: 'quota' as const, label: 'Carnets prévus (quota)', count: t.quota, percent: null, of: null, sentence: `${frenchNumber(t.quota)} ${plural(t.quota, 'carnet prévu', 'carnets prévus')} (quota)` }]
      : []),
    {
      key: 'handedOut',
      label: 'Carnets remis',
      count: t.handedOut,
      percent: t.quota !== null ? t.handedOutPercentOfQuota : null,
      of: t.quota !== null ? 'du quota' : null,
      sentence: `${frenchNumber(t.handedOut)} ${plural(t.handedOut, 'carnet remis', 'carnets remis')}${t.quota !== null ? rate(t.handedOutPercentOfQuota, 'du quota') : ''}`,
    },
    {
      key: 'firstUsed',
      label: 'Au moins un ticket utilisé',
      count: t.firstUsed,
      percent: t.firstUsedPercent,
      of: 'des carnets remis',
      sentence: `${frenchNumber(t.firstUsed)} avec au moins un ticket utilisé${rate(t.firstUsedPercent, 'des carnets remis')}`,
    },
    {
      key: 'allUsed',
      label: 'Tous les tickets utilisés',
      count: t.allUsed,
      percent: t.allUsedPercent,
      of: 'des carnets remis',
      sentence: `${frenchNumber(t.allUsed)} avec tous les tickets utilisés${rate(t.allUsedPercent, 'des carnets remis')}`,
    },
  ];
}

/**
 * The median delay before the first ticket used, told plainly. The median is the smallest delay
 * that at least half of the people did not exceed: half of them used a ticket within it.
 */
export function halfOfPeopleWithin(days: number | null): string {
  if (days === null) return 'Aucun ticket utilisé pour l’instant : pas encore de délai à mesurer.';
  if (days === 0) return 'La moitié des personnes ont utilisé leur premier ticket le jour même où elles ont reçu leur carnet.';
  if (days === 1) return 'La moitié des personnes ont utilisé leur premier ticket au plus tard le lendemain de la remise de leur carnet.';
  return `La moitié des personnes ont utilisé leur premier ticket dans les ${frenchNumber(days)} jours qui ont suivi la remise de leur carnet.`;
}

/**
 * The campaign the dashboards open on: the open one (the latest to start if several), otherwise
 * the latest closed one; none when the territory has only drafts.
 */
export function currentCampaign<C extends { status: string; issuanceStart: string; year: number }>(campaigns: C[]): C | null {
  const latest = (list: C[]) => [...list].sort((a, b) => b.issuanceStart.localeCompare(a.issuanceStart) || b.year - a.year)[0] ?? null;
  return latest(campaigns.filter((c) => c.status === 'open')) ?? latest(campaigns.filter((c) => c.status !== 'draft'));
}
