import { parse } from 'csv-parse/sync';
import { requireRole, type Actor } from '../../domain/actor.ts';
import { invalid } from '../../domain/errors.ts';
import { checkWeightLines, isHeader } from '../../domain/quota-weights.ts';
import { listQuotas } from '../../repositories/campaigns.ts';
import { listCommunes } from '../../repositories/territories.ts';
import { frenchCommuneName } from '../support/communes-of-france.ts';
import type { Deps } from '../support/deps.ts';
import { findCampaign } from './get-campaign.ts';
import { updateCampaign } from './update-campaign.ts';

/**
 * The weighted part's figure per commune imported from a spreadsheet (CSV: INSEE code, figure).
 * Every line gets a verdict; the accepted lines replace those communes' figures (the others keep
 * theirs) and the quotas are recomputed, in the campaign's one update. A file with no accepted
 * line changes nothing.
 */
export async function importQuotaWeights(deps: Deps, actor: Actor, campaignId: string, csv: string) {
  requireRole(actor, 'admin');
  await findCampaign(deps, actor, campaignId);
  const text = csv.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ',';
  let records: { cells: string[]; line: number }[];
  try {
    records = (parse(text, { delimiter, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[])
      .map((r) => ({ cells: r.record, line: r.info.lines }));
  } catch (e) {
    throw invalid('csv', `Le fichier n’est pas un tableau CSV lisible : ${e instanceof Error ? e.message : String(e)}`);
  }
  if (records.length && isHeader(records[0].cells)) records = records.slice(1);
  if (!records.length) throw invalid('csv', 'Le fichier ne contient aucune ligne : une ligne par commune, avec son code INSEE puis son chiffre.');
  if (records.length > 5000) throw invalid('csv', 'Le fichier dépasse 5 000 lignes : une ligne par commune du territoire suffit.');
  const communes = new Map((await listCommunes(deps.db, actor.territoryId)).map((c) => [c.inseeCode, c.name]));
  const lines = checkWeightLines(records, communes, frenchCommuneName);
  const accepted = lines.filter((l) => l.status === 'ok');
  if (accepted.length) {
    const previous = Object.fromEntries((await listQuotas(deps.db, campaignId)).map((q) => [q.commune_insee, q.weight]));
    await updateCampaign(deps, actor, campaignId, { weights: { ...previous, ...Object.fromEntries(accepted.map((l) => [l.inseeCode, l.weight!])) } });
  }
  return { accepted: accepted.length, refused: lines.length - accepted.length, lines };
}
