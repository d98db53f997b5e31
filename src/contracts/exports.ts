import { z } from 'zod';
import { DATASETS } from '../domain/export-datasets.ts';
import { Id, IsoDate } from './common.ts';

export const ExportParams = z.object({
  dataset: z.enum(DATASETS).describe('beneficiaries | booklets | redemptions | claims | payments'),
});
export const ExportQuery = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv').describe('csv (tableur français : UTF-8 avec BOM, « ; », jj/mm/aaaa, virgule décimale) ou xlsx'),
  campaignId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const ExportFile = z.string().describe('Le fichier CSV ou XLSX, envoyé au fil de l’eau');
