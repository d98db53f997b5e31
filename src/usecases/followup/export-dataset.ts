import type { Readable } from 'node:stream';
import { requireRole, type Actor } from '../../domain/actor.ts';
import type { Dataset, ExportFormat } from '../../domain/export-datasets.ts';
import { parisDate } from '../../domain/paris-time.ts';
import {
  BENEFICIARY_COLUMNS, BOOKLET_COLUMNS, CLAIM_COLUMNS, PAYMENT_COLUMNS, REDEMPTION_COLUMNS,
} from '../../exports/datasets.ts';
import { csvStream, xlsxStream, type Column } from '../../exports/tabular.ts';
import { beneficiaryRows, bookletRows, claimLineRows, paymentRows, redemptionRows } from '../../repositories/read-models/exports.ts';
import type { ReadScope } from '../../repositories/read-models/scope.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { resolveReadScope } from '../support/read-scope.ts';


type Capability = Parameters<typeof requireRole>[1];
interface Definition {
  file: string;
  sheet: string;
  /** Who may download it (scoped to their territory, organisation or structure). */
  roles: Capability[];
  columns: Column<any>[];
  rows: (deps: Deps, scope: ReadScope) => AsyncIterable<unknown>;
}

const DEFINITIONS: Record<Dataset, Definition> = {
  // Personal data: only the people who registered them and the programme's admin.
  beneficiaries: { file: 'beneficiaires', sheet: 'Bénéficiaires', roles: ['admin', 'agent', 'organisation_token'], columns: BENEFICIARY_COLUMNS, rows: (d, s) => beneficiaryRows(d.db, s) },
  booklets: { file: 'carnets', sheet: 'Carnets', roles: ['admin', 'finance', 'auditor', 'agent', 'organisation_token'], columns: BOOKLET_COLUMNS, rows: (d, s) => bookletRows(d.db, s) },
  redemptions: {
    file: 'utilisations', sheet: 'Tickets utilisés',
    roles: ['admin', 'finance', 'auditor', 'agent', 'organisation_token', 'structure_manager', 'mediator', 'structure_token'],
    columns: REDEMPTION_COLUMNS, rows: (d, s) => redemptionRows(d.db, s),
  },
  claims: { file: 'demandes-de-remboursement', sheet: 'Demandes', roles: ['admin', 'finance', 'auditor', 'structure_manager', 'structure_token'], columns: CLAIM_COLUMNS, rows: (d, s) => claimLineRows(d.db, s) },
  payments: { file: 'paiements', sheet: 'Paiements', roles: ['admin', 'finance', 'auditor', 'structure_manager', 'structure_token'], columns: PAYMENT_COLUMNS, rows: (d, s) => paymentRows(d.db, s) },
};

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Streams one export of the actor's scope as CSV (French spreadsheets) or XLSX. The download is
 * audited (who, what, which filters) before the first byte leaves; rows are read page by page.
 */
export async function exportDataset(
  deps: Deps,
  actor: Actor,
  input: { dataset: Dataset; format: ExportFormat; campaignId?: string | null; from?: string | null; to?: string | null },
): Promise<{ filename: string; contentType: string; stream: Readable }> {
  const def = DEFINITIONS[input.dataset];
  requireRole(actor, ...def.roles);
  const scope = await resolveReadScope(deps, actor, input);
  const now = deps.now();
  await inTransaction(deps.db, (trx) =>
    audit(trx, actor, now, 'export.downloaded', { type: 'export', id: input.dataset }, { format: input.format, ...scope.filters, scope: scope.actorScope.level }),
  );
  const rows = def.rows(deps, scope.read);
  return {
    filename: `passnum-${def.file}-${parisDate(now)}.${input.format}`,
    contentType: CONTENT_TYPES[input.format],
    stream: input.format === 'csv' ? csvStream(def.columns, rows) : xlsxStream(def.columns, rows, def.sheet),
  };
}
