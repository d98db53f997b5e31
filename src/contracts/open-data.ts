import { z } from 'zod';
import { Id } from './common.ts';

export const TerritoryCodeParams = z.object({
  territoryCode: z.string().regex(/^(\d{9}|\d{2,3}|2[AB])$/, 'SIREN de l’EPCI (9 chiffres) ou code du département attendu'),
});
export const StatisticsQuery = z.object({ campaignId: Id.optional() });
export const OpenDataFile = z.string().describe('Fichier CSV ou JSON');

export const StatisticsBody = z.object({
  territory: z.object({ code: z.string(), name: z.string() }),
  rule: z.string(),
  generatedOn: z.string(),
  rows: z.array(
    z.object({
      code_insee: z.string(),
      commune: z.string(),
      mois: z.string(),
      carnets_remis: z.number().int().nullable(),
      personnes_formees: z.number().int().nullable(),
      seances: z.number().int().nullable(),
      tickets_utilises: z.number().int().nullable(),
    }),
  ),
});

export const PlacesImportBody = z.string().describe(
  'Le fichier au schéma national des lieux de médiation numérique : CSV (text/csv) ou JSON (application/json), ou envoyé en multipart/form-data (champ « fichier »)',
);

export const PlacesImportReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
  lines: z.array(
    z.object({
      line: z.number().int().describe('Numéro de ligne dans le fichier (1 = en-tête pour un CSV)'),
      id: z.string(),
      pivot: z.string(),
      nom: z.string(),
      status: z.enum(['created', 'updated', 'unchanged', 'refused']),
      structureId: z.string().nullable(),
      siteId: z.string().nullable(),
      changes: z.array(z.string()),
      reasons: z.array(z.string()),
      notes: z.array(z.string()),
    }),
  ),
});
