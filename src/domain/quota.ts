// Booklets are allocated to communes: a fixed number each plus a share of a weighted total in
// proportion to a figure the admin provides per commune (e.g. population living in QPV), as the
// CALL does (docs/product.md "Who it is for"). The weighted part is split by the largest-remainder
// method so that the shares add up to the weighted total exactly.
import { invalid } from './errors.ts';

export interface CommuneWeight { inseeCode: string; weight: number }
export interface CommuneQuota { inseeCode: string; weight: number; quota: number }

export function computeQuotas(fixed: number, weightedTotal: number, communes: readonly CommuneWeight[]): CommuneQuota[] {
  for (const c of communes) {
    if (!Number.isInteger(c.weight) || c.weight < 0) {
      throw invalid('weights', `Le critère de répartition de la commune ${c.inseeCode} doit être un nombre entier positif ou nul.`);
    }
  }
  const totalWeight = communes.reduce((sum, c) => sum + c.weight, 0);
  if (weightedTotal > 0 && totalWeight === 0) {
    throw invalid('weights', 'Pour répartir la part pondérée, indiquez le critère (par exemple la population en QPV) d’au moins une commune.');
  }
  if (weightedTotal === 0 || totalWeight === 0) return communes.map((c) => ({ inseeCode: c.inseeCode, weight: c.weight, quota: fixed }));
  // Integer arithmetic: exact share = weightedTotal * weight / totalWeight = floor + remainder/totalWeight.
  const shares = communes.map((c, index) => {
    const numerator = BigInt(weightedTotal) * BigInt(c.weight);
    const floor = numerator / BigInt(totalWeight);
    return { index, floor: Number(floor), remainder: numerator - floor * BigInt(totalWeight) };
  });
  let left = weightedTotal - shares.reduce((sum, s) => sum + s.floor, 0);
  // Largest remainders first; ties go to the larger weight, then to the INSEE code order (stable, reproducible).
  const order = [...shares].sort((a, b) => {
    if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1;
    const wa = communes[a.index].weight;
    const wb = communes[b.index].weight;
    if (wa !== wb) return wb - wa;
    return communes[a.index].inseeCode < communes[b.index].inseeCode ? -1 : 1;
  });
  const extra = new Array<number>(communes.length).fill(0);
  for (const s of order) {
    if (left === 0) break;
    extra[s.index] = 1;
    left -= 1;
  }
  return communes.map((c, i) => ({ inseeCode: c.inseeCode, weight: c.weight, quota: fixed + shares[i].floor + extra[i] }));
}
