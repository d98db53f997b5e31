import type { Executor } from '../tx.ts';

export interface OptOutFilter {
  territoryId: string;
  /** Folded words, each must appear in the person's search text. */
  terms: string[];
  limit: number;
  offset: number;
}

function base(db: Executor, f: OptOutFilter) {
  let q = db
    .selectFrom('beneficiaries as ben')
    .where('ben.territory_id', '=', f.territoryId)
    .where('ben.opted_out_at', 'is not', null)
    .where('ben.anonymised_at', 'is', null);
  for (const term of f.terms) q = q.where('ben.search_text', 'like', `% ${term.replace(/[%_]/g, '')}%`);
  return q;
}

/**
 * The people of a territory who said they want no more reminders, latest first: their name, commune
 * and the organisation that received them — nothing else of their record.
 */
export async function listOptOuts(db: Executor, f: OptOutFilter) {
  const [count, rows] = await Promise.all([
    base(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    base(db, f)
      .innerJoin('organisations as o', 'o.id', 'ben.organisation_id')
      .leftJoin('communes as c', (j) => j.onRef('c.insee_code', '=', 'ben.commune_insee').onRef('c.territory_id', '=', 'ben.territory_id'))
      .select([
        'ben.id', 'ben.first_name', 'ben.birth_name', 'ben.usage_name', 'ben.commune_insee', 'ben.opted_out_at',
        'c.name as commune_name', 'o.name as organisation_name',
      ])
      .orderBy('ben.opted_out_at', 'desc')
      .orderBy('ben.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  return { total: Number(count?.n ?? 0), rows };
}
