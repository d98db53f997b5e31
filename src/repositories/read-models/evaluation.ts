import type { Executor } from '../tx.ts';
import { campaignIn, inPeriod, type ReadScope } from './scope.ts';

// Evaluation (issue #18, item 7): the people handed out a booklet in the scope, with their
// diagnostics and the autonomy recorded at their sessions. The answers are JSON (levels per area,
// need outcomes): rows go to domain/evaluation.ts, which counts.

function peopleOf(db: Executor, scope: ReadScope) {
  return db
    .selectFrom('booklets')
    .where('booklets.issued_at', 'is not', null)
    .where('booklets.beneficiary_id', 'is not', null)
    .where(campaignIn('booklets.campaign_id', scope))
    .where(inPeriod('booklets.issued_at', scope))
    .$if(!!scope.organisationId, (q) => q.where('booklets.organisation_id', '=', scope.organisationId!))
    .$if(!!scope.structureId, (q) =>
      q.where('booklets.id', 'in', (eb) =>
        eb.selectFrom('redemptions').innerJoin('tickets', 'tickets.id', 'redemptions.ticket_id').where('redemptions.structure_id', '=', scope.structureId!).select('tickets.booklet_id'),
      ),
    );
}

export async function evaluationRows(db: Executor, scope: ReadScope) {
  const people = await peopleOf(db, scope).select(['booklets.beneficiary_id as id', 'booklets.commune_insee']).distinct().execute();
  const ids = people.map((p) => p.id!);
  if (!ids.length) return { people: [], diagnostics: [], autonomy: [] };
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 500) chunks.push(ids.slice(i, i + 500));
  const diagnostics = (
    await Promise.all(
      chunks.map((c) =>
        db.selectFrom('diagnostics').select(['beneficiary_id', 'kind', 'model_version', 'scores', 'needs', 'need_outcomes', 'created_at', 'id']).where('beneficiary_id', 'in', c).execute(),
      ),
    )
  ).flat();
  const autonomy = (
    await Promise.all(
      chunks.map((c) => db.selectFrom('session_autonomy').select(['beneficiary_id', 'theme', 'level', 'recorded_at']).where('beneficiary_id', 'in', c).execute()),
    )
  ).flat();
  return { people: people.map((p) => ({ id: p.id!, communeInsee: p.commune_insee })), diagnostics, autonomy };
}

export async function communeNamesOf(db: Executor, territoryId: string) {
  const rows = await db.selectFrom('communes').select(['insee_code', 'name']).where('territory_id', '=', territoryId).execute();
  return new Map(rows.map((r) => [r.insee_code, r.name]));
}
