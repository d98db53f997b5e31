// The per-commune figure that shares a campaign's weighted quota (e.g. the population living in
// priority neighbourhoods), read line by line from a spreadsheet: INSEE code, then the figure.

export interface WeightLine {
  line: number;
  inseeCode: string;
  communeName: string | null;
  weight: number | null;
  status: 'ok' | 'refused';
  reason: string | null;
}

const INSEE = /^(\d{5}|2[AB]\d{3})$/;

/** True when a first row is a header (its first cell is not an INSEE code). */
export function isHeader(cells: string[]): boolean {
  return !INSEE.test((cells[0] ?? '').trim().toUpperCase());
}

/**
 * Checks each line against the territory's communes: a known INSEE code (not a postal code), a
 * whole number zero or more (spaces as thousands separators allowed), each commune once.
 */
export function checkWeightLines(rows: { line: number; cells: string[] }[], communes: Map<string, string>, frenchName: (insee: string) => string | null): WeightLine[] {
  const seen = new Map<string, number>();
  return rows.map(({ line, cells }) => {
    const inseeCode = (cells[0] ?? '').trim().toUpperCase();
    const raw = (cells[1] ?? '').replace(/[\s\u00a0\u202f]/g, '');
    const refuse = (reason: string, weight: number | null = null): WeightLine => ({ line, inseeCode, communeName: communes.get(inseeCode) ?? frenchName(inseeCode), weight, status: 'refused', reason });
    if (!INSEE.test(inseeCode)) return refuse(inseeCode ? `« ${inseeCode} » n’est pas un code INSEE de commune (5 caractères, par exemple 62498 pour Lens ; pas le code postal).` : 'Le code INSEE de la commune manque.');
    if (!communes.has(inseeCode)) {
      const name = frenchName(inseeCode);
      return refuse(name ? `${name} (${inseeCode}) ne fait pas partie du territoire.` : `Aucune commune n’a le code INSEE ${inseeCode} (est-ce un code postal ?).`);
    }
    if (!/^\d{1,9}$/.test(raw)) return refuse(raw ? `« ${cells[1]?.trim()} » n’est pas un nombre entier positif ou nul.` : 'Le chiffre de la commune manque (deuxième colonne).');
    const weight = Number(raw);
    const first = seen.get(inseeCode);
    if (first !== undefined) return refuse(`${communes.get(inseeCode)} figure déjà à la ligne ${first} : une ligne par commune.`, weight);
    seen.set(inseeCode, line);
    return { line, inseeCode, communeName: communes.get(inseeCode)!, weight, status: 'ok', reason: null };
  });
}
