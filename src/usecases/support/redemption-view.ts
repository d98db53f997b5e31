import { SERVICE_FORMAT_LABELS, themeLabel, type ServiceFormat } from '../../domain/themes.ts';
import { findRedemptionLines, type RedemptionLineRow, type RedemptionRequestRow } from '../../repositories/redemptions.ts';
import type { Deps } from './deps.ts';

/** One redemption (a scan of one or several tickets of a booklet) as staff and integrations see it. */
export interface RedemptionView {
  redemptionId: string;
  clientRedemptionId: string;
  redeemedAt: string;
  by: string;
  service: {
    format: ServiceFormat;
    formatLabel: string;
    themes: { id: string; label: string }[];
    durationMinutes: number;
    site: { id: string; name: string };
  };
  campaign: { id: string; name: string } | null;
  bookletSerial: string | null;
  tickets: {
    serial: string;
    index: number;
    faceValueCents: number;
    validUntil: string;
    undoneAt: string | null;
    undoReason: string | null;
    inClaim: boolean;
  }[];
  /** Face value of the tickets still redeemed. */
  totalCents: number;
  /** True when every ticket of the redemption has been undone. */
  undone: boolean;
  /** True while at least one ticket can still be undone (redeemed and in no claim). */
  canUndo: boolean;
}

export function toRedemptionView(req: Omit<RedemptionRequestRow, 'actor_id'>, lines: RedemptionLineRow[]): RedemptionView {
  const tickets = lines.map((l) => ({
    serial: l.serial,
    index: l.idx,
    faceValueCents: l.face_value_cents,
    validUntil: l.valid_until,
    undoneAt: l.undone_at,
    undoReason: l.undo_reason,
    inClaim: Boolean(l.in_claim) || l.status === 'claimed' || l.status === 'paid',
  }));
  const live = tickets.filter((t) => !t.undoneAt);
  return {
    redemptionId: req.id,
    clientRedemptionId: req.client_redemption_id,
    redeemedAt: req.created_at,
    by: req.user_name ?? (req.token_name ? `jeton « ${req.token_name} »` : 'équipe de la structure'),
    service: {
      format: req.format,
      formatLabel: SERVICE_FORMAT_LABELS[req.format],
      themes: (JSON.parse(req.themes) as string[]).map((id) => ({ id, label: themeLabel(id) })),
      durationMinutes: req.duration_minutes,
      site: { id: req.site_id, name: req.site_name },
    },
    campaign: lines[0] ? { id: lines[0].campaign_id, name: lines[0].campaign_name } : null,
    bookletSerial: lines[0]?.booklet_serial ?? null,
    tickets,
    totalCents: live.reduce((sum, t) => sum + t.faceValueCents, 0),
    undone: lines.length > 0 && live.length === 0,
    canUndo: live.some((t) => !t.inClaim && lines.find((l) => l.serial === t.serial)?.status === 'redeemed'),
  };
}

export async function loadRedemptionViews(deps: Deps, requests: RedemptionRequestRow[]): Promise<RedemptionView[]> {
  const lines = await findRedemptionLines(deps.db, requests.map((r) => r.id));
  return requests.map((r) => toRedemptionView(r, lines.filter((l) => l.request_id === r.id)));
}
