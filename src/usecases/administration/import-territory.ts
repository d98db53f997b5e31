import { createRequire } from 'node:module';
import { DomainError } from '../../domain/errors.ts';
import { findTerritoryByCode, insertTerritory, type CommuneRow } from '../../repositories/territories.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';

// Communes, EPCI membership, INSEE and postal codes come from @etalab/decoupage-administratif
// (docs/product.md "Data from the ecosystem, not typed by hand").
const require = createRequire(import.meta.url);
interface EtalabCommune { code: string; nom: string; type: string; departement?: string; codesPostaux?: string[]; population?: number }
interface EtalabEpci { code: string; nom: string; membres: { code: string }[] }
interface EtalabDepartement { code: string; nom: string }

function loadCommunes(): Map<string, EtalabCommune> {
  const all = require('@etalab/decoupage-administratif/data/communes.json') as EtalabCommune[];
  return new Map(all.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c]));
}

export interface TerritoryData { kind: 'epci' | 'departement'; code: string; name: string; communes: CommuneRow[] }

/** Resolves an EPCI SIREN (9 digits) or a département code (2–3 characters) from the package. */
export function territoryFromPackage(code: string): TerritoryData {
  const communes = loadCommunes();
  const toRow = (c: EtalabCommune): CommuneRow => ({
    inseeCode: c.code,
    name: c.nom,
    postalCodes: c.codesPostaux ?? [],
    population: c.population ?? 0,
  });
  if (/^\d{9}$/.test(code)) {
    const epcis = require('@etalab/decoupage-administratif/data/epci.json') as EtalabEpci[];
    const epci = epcis.find((e) => e.code === code);
    if (!epci) throw new DomainError('not_found', `Aucun EPCI n’a le SIREN ${code}.`, { field: 'code' });
    const rows = epci.membres.map((m) => communes.get(m.code)).filter((c): c is EtalabCommune => !!c).map(toRow);
    return { kind: 'epci', code, name: epci.nom, communes: rows };
  }
  const departements = require('@etalab/decoupage-administratif/data/departements.json') as EtalabDepartement[];
  const dep = departements.find((d) => d.code === code.toUpperCase());
  if (!dep) {
    throw new DomainError('not_found', `« ${code} » n’est ni un SIREN d’EPCI ni un code de département.`, { field: 'code' });
  }
  const rows = [...communes.values()].filter((c) => c.departement === dep.code).map(toRow);
  return { kind: 'departement', code: dep.code, name: dep.nom, communes: rows };
}

export async function importTerritory(deps: Deps, input: { code: string }): Promise<{ id: string; name: string; communes: number; created: boolean }> {
  const data = territoryFromPackage(input.code.trim());
  return inTransaction(deps.db, async (trx) => {
    const existing = await findTerritoryByCode(trx, data.kind, data.code);
    if (existing) return { id: existing.id, name: existing.name, communes: data.communes.length, created: false };
    const id = deps.newId();
    const now = deps.now();
    await insertTerritory(trx, { id, kind: data.kind, code: data.code, name: data.name, createdAt: now.toISOString() }, data.communes);
    await audit(trx, null, now, 'territory.imported', { type: 'territory', id }, { code: data.code, communes: data.communes.length }, id);
    return { id, name: data.name, communes: data.communes.length, created: true };
  });
}
