import { checkpointLine } from '../../domain/audit-checkpoint.ts';
import { CLAIM_STATUS_LABELS, periodLabel } from '../../domain/claims.ts';
import { formatEuros } from '../../domain/money.ts';
import { parisDate } from '../../domain/paris-time.ts';
import { takeCheckpoint } from '../../repositories/audit.ts';
import { insertMessage, messageExists } from '../../repositories/outbox.ts';
import { activeFinanceOfficers, claimTotalsOfPeriod } from '../../repositories/read-models/claim-summary.ts';
import { configuredChannelNames } from '../support/channels.ts';
import type { Deps } from '../support/deps.ts';

export const CLAIM_SUMMARY_KIND = 'claim_summary';

/** The month before the one `now` falls in (Paris), as a claim period "YYYY-MM". */
export function previousPeriod(now: Date): string {
  const [y, m] = parisDate(now).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * Once a month (the claims job runs daily; the outbox's unique dedupe key makes it once), each
 * finance officer receives the summary of the previous month's claims of their territory, with a
 * signed checkpoint of the audit chain: a copy of the chain's head that leaves the system, which
 * `passnum audit:verify --checkpoint` checks the chain against later (issue 17, point 7).
 */
export async function sendMonthlyClaimSummaries(deps: Deps): Promise<{ sent: number }> {
  const now = deps.now();
  const period = previousPeriod(now);
  const status = configuredChannelNames(deps.config).includes('email') ? 'pending' : 'held';
  const dedupe = (userId: string) => `${CLAIM_SUMMARY_KIND}:${period}:${userId}`;
  const officers = [];
  for (const o of await activeFinanceOfficers(deps.db)) if (!(await messageExists(deps.db, dedupe(o.id)))) officers.push(o);
  if (officers.length === 0) return { sent: 0 };
  const checkpoint = checkpointLine(await takeCheckpoint(deps.db, { id: deps.newId(), at: now, purpose: `récapitulatif mensuel des demandes, ${periodLabel(period)}` }));
  const totals = new Map<string, Awaited<ReturnType<typeof claimTotalsOfPeriod>>>();
  let sent = 0;
  for (const o of officers) {
    if (!totals.has(o.territory_id)) totals.set(o.territory_id, await claimTotalsOfPeriod(deps.db, { territoryId: o.territory_id, period }));
    const rows = totals.get(o.territory_id)!;
    const lines = rows.length
      ? rows.map((r) => `- ${CLAIM_STATUS_LABELS[r.status]} : ${r.claims} demande(s), ${r.lines} ticket(s), ${formatEuros(r.amountCents)}`)
      : ['- aucune demande de remboursement pour ce mois.'];
    const inserted = await insertMessage(deps.db, {
      id: deps.newId(), territory_id: o.territory_id, beneficiary_id: null, channel: 'email', kind: CLAIM_SUMMARY_KIND, dedupe_key: dedupe(o.id),
      recipient: o.email, subject: `passnum : récapitulatif des demandes de remboursement de ${periodLabel(period)}`,
      body: [
        `Bonjour ${o.display_name},`,
        '',
        `Demandes de remboursement de ${periodLabel(period)}, à ce jour :`,
        ...lines,
        '',
        'Gardez ce message : la ligne suivante permet de vérifier plus tard que le journal d’audit n’a été ni réécrit ni tronqué depuis aujourd’hui (commande « passnum audit:verify --checkpoint »).',
        checkpoint,
      ].join('\n'),
      status, attempts: 0, next_attempt_at: now.toISOString(), sent_at: null, last_error: null, created_at: now.toISOString(),
    });
    if (inserted) sent += 1;
  }
  return { sent };
}
