import { createRequire } from 'node:module';

// Every current French commune by INSEE code, from @etalab/decoupage-administratif (loaded once,
// on first use): tells an unknown code from a real commune outside the territory.
const require = createRequire(import.meta.url);
let names: Map<string, string> | null = null;

export function frenchCommuneName(insee: string): string | null {
  if (!names) {
    const all = require('@etalab/decoupage-administratif/data/communes.json') as { code: string; nom: string; type: string }[];
    names = new Map(all.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c.nom]));
  }
  return names.get(insee) ?? null;
}
