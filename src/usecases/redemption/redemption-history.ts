import { requireRole, requireStructure, type Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import { REDEMPTION_STATE_LABELS, type RedemptionState } from '../../domain/redemption-state.ts';
import { parisDate, parisStartOfDay } from '../../domain/paris-time.ts';
import { csvAmount, csvDate, frenchCsv } from '../../exports/french-csv.ts';
import { findRedemptionLines, listRedemptionRequests, type RedemptionLineRow } from '../../repositories/redemptions.ts';
import type { Deps } from '../support/deps.ts';
import { toRedemptionView, type RedemptionView } from '../support/redemption-view.ts';

export interface HistoryFilter {
  month?: string;
  siteId?: string;
  mediatorId?: string;
  state?: RedemptionState;
}

export type HistoryRow = RedemptionView & { state: RedemptionState; stateLabel: string; mediatorId: string };

function stateOf(view: RedemptionView, lines: RedemptionLineRow[]): RedemptionState {
  if (view.undone) return 'annule';
  const live = lines.filter((l) => !l.undone_at);
  if (live.every((l) => l.status === 'paid')) return 'paye';
  return view.tickets.some((t) => !t.undoneAt && t.inClaim) ? 'demande' : 'a_demander';
}

function monthBounds(month: string): { from: string; to: string } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw invalid('month', 'Le mois doit être au format AAAA-MM (par exemple 2026-03).');
  const year = Number(m[1]);
  const next = Number(m[2]) === 12 ? `${year + 1}-01` : `${year}-${String(Number(m[2]) + 1).padStart(2, '0')}`;
  return { from: parisStartOfDay(`${month}-01`).toISOString(), to: parisStartOfDay(`${next}-01`).toISOString() };
}

/**
 * The structure manager's history of redemptions: one Paris calendar month (the current one by
 * default), filtered by site, mediator and state; with the sites and mediators seen that month
 * for the filters. A month of one structure is a few hundred redemptions at most.
 */
export async function redemptionHistory(deps: Deps, actor: Actor, filter: HistoryFilter) {
  requireRole(actor, 'structure_manager');
  const structureId = requireStructure(actor);
  const month = filter.month ?? parisDate(deps.now()).slice(0, 7);
  const { from, to } = monthBounds(month);
  const requests = await listRedemptionRequests(deps.db, structureId, from, to);
  const lines = await findRedemptionLines(deps.db, requests.map((r) => r.id));
  const all: HistoryRow[] = requests.map((r) => {
    const own = lines.filter((l) => l.request_id === r.id);
    const view = toRedemptionView(r, own);
    const state = stateOf(view, own);
    return { ...view, state, stateLabel: REDEMPTION_STATE_LABELS[state], mediatorId: r.actor_id };
  });
  const sites = new Map(all.map((r) => [r.service.site.id, r.service.site.name]));
  const mediators = new Map(all.map((r) => [r.mediatorId, r.by]));
  const rows = all.filter(
    (r) =>
      (!filter.siteId || r.service.site.id === filter.siteId) &&
      (!filter.mediatorId || r.mediatorId === filter.mediatorId) &&
      (!filter.state || r.state === filter.state),
  );
  const live = rows.flatMap((r) => r.tickets.filter((t) => !t.undoneAt));
  return {
    month,
    redemptions: rows,
    ticketCount: live.length,
    totalCents: live.reduce((s, t) => s + t.faceValueCents, 0),
    sites: [...sites].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    mediators: [...mediators].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  };
}

const TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

/** The same list as a CSV for a French spreadsheet, one line per redemption. */
export async function redemptionHistoryCsv(deps: Deps, actor: Actor, filter: HistoryFilter): Promise<{ filename: string; csv: string }> {
  const h = await redemptionHistory(deps, actor, filter);
  const csv = frenchCsv(
    ['date', 'heure', 'lieu', 'mediateur', 'carnet', 'tickets', 'montant_euros', 'format', 'duree_minutes', 'thematiques', 'etat'],
    h.redemptions.map((r) => [
      csvDate(r.redeemedAt),
      TIME.format(new Date(r.redeemedAt)),
      r.service.site.name,
      r.by,
      r.bookletSerial,
      r.tickets.filter((t) => !t.undoneAt).map((t) => t.index).join(' ') || null,
      csvAmount(r.totalCents),
      r.service.formatLabel,
      r.service.durationMinutes,
      r.service.themes.map((t) => t.label).join(' | '),
      r.stateLabel,
    ]),
  );
  return { filename: `utilisations-${h.month}.csv`, csv };
}
