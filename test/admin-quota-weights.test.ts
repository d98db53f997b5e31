import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';

// Issue 21, administration 3: the weighted part's figure per commune, imported from a CSV by
// INSEE code with a verdict per line, and the quotas recomputed from it.
describe(`weighted quotas from a spreadsheet (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let admin: Client;
  let campaignId: string;

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-03-20T10:00:00.000Z' });
    const g = given(tdb.deps);
    const territoryId = await g.territory();
    await g.user({ territoryId, email: 'admin@test.fr', role: 'admin' });
    app = await createTestApp(tdb);
    admin = await login(app, 'admin@test.fr');
    const c = await g.campaign({ territoryId, status: 'draft', quota_fixed: 10, quota_weighted_total: 0 });
    campaignId = c.id;
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('reports each line, applies the good ones and recomputes the quotas', async () => {
    const csv = [
      'code_insee;population_qpv',
      '62498;12 000',
      '62510;8000',
      '99999;300',
      '75056;5000',
      '62065;beaucoup',
      '62498;1',
      ';',
    ].join('\n');
    const res = await admin.post(`/api/campaigns/${campaignId}/weights/import`, { csv });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ accepted: 2, refused: 5 });
    expect(report.lines.map((l: { line: number; status: string }) => [l.line, l.status])).toEqual([
      [2, 'ok'], [3, 'ok'], [4, 'refused'], [5, 'refused'], [6, 'refused'], [7, 'refused'], [8, 'refused'],
    ]);
    expect(report.lines[0]).toMatchObject({ communeName: 'Lens', weight: 12000 });
    expect(report.lines[2].reason).toMatch(/code postal/);
    expect(report.lines[3].reason).toBe('Paris (75056) ne fait pas partie du territoire.');
    expect(report.lines[4].reason).toMatch(/« beaucoup » n’est pas un nombre entier/);
    expect(report.lines[5].reason).toMatch(/Lens figure déjà à la ligne 2/);

    // The part to share is set afterwards; the figures imported stay.
    const patched = await admin.patch(`/api/campaigns/${campaignId}`, { quotaWeightedTotal: 100 });
    expect(patched.statusCode, patched.body).toBe(200);
    const quotas = (await admin.get(`/api/campaigns/${campaignId}/quotas`)).json();
    const lens = quotas.communes.find((c: { inseeCode: string }) => c.inseeCode === '62498');
    const lievin = quotas.communes.find((c: { inseeCode: string }) => c.inseeCode === '62510');
    expect(lens).toMatchObject({ weight: 12000, quota: 10 + 60 });
    expect(lievin).toMatchObject({ weight: 8000, quota: 10 + 40 });
    expect(quotas.totalQuota).toBe(quotas.communes.length * 10 + 100);
  });

  it('changes nothing when no line is good, and refuses an open campaign’s figures', async () => {
    const before = (await admin.get(`/api/campaigns/${campaignId}/quotas`)).json();
    const res = await admin.post(`/api/campaigns/${campaignId}/weights/import`, { csv: '99999;3\n' });
    expect(res.json()).toMatchObject({ accepted: 0, refused: 1 });
    expect((await admin.get(`/api/campaigns/${campaignId}/quotas`)).json()).toEqual(before);
    const empty = await admin.post(`/api/campaigns/${campaignId}/weights/import`, { csv: 'code;chiffre\n' });
    expect(empty.statusCode).toBe(422);
    expect((await admin.post(`/api/campaigns/${campaignId}/open`)).statusCode).toBe(200);
    const late = await admin.post(`/api/campaigns/${campaignId}/weights/import`, { csv: '62498;5\n' });
    expect(late.statusCode).toBe(409);
  });
});
