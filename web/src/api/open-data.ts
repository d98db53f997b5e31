// Open data: the admin's import of places in the national schema, and the public files the
// programme publishes. Types from the shared Zod contracts (type-only imports).
import type { z } from 'zod';
import type { PlacesImportReport as PlacesImportReportSchema } from '../../../src/contracts/open-data.ts';
import { api } from './client.ts';

export type PlacesImportReport = z.infer<typeof PlacesImportReportSchema>;

const enc = encodeURIComponent;

/** The format of a places file, from its name or its first character (the server reads both). */
function placesContentType(file: { name: string }, text: string): string {
  return /\.json$/i.test(file.name) || /^\uFEFF?\s*[[{]/.test(text) ? 'application/json' : 'text/csv';
}

export const openDataApi = {
  importPlaces: async (file: File) => {
    const text = await file.text();
    return api.postFile<PlacesImportReport>(
      '/api/open-data/places/import',
      text,
      placesContentType(file, text),
    );
  },
  placesUrl: (territoryCode: string, format: 'csv' | 'json') =>
    `/api/open-data/${enc(territoryCode)}/lieux-de-mediation-numerique.${format}`,
  statisticsUrl: (territoryCode: string, format: 'csv' | 'json') =>
    `/api/open-data/${enc(territoryCode)}/statistiques.${format}`,
};
