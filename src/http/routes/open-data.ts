import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../contracts/common.ts';
import {
  OpenDataFile, PlacesImportBody, PlacesImportReport, StatisticsBody, StatisticsQuery, TerritoryCodeParams,
} from '../../contracts/open-data.ts';
import { DomainError } from '../../domain/errors.ts';
import { importOpenPlaces } from '../../usecases/administration/import-open-places.ts';
import { openPlaces, openStatistics } from '../../usecases/followup/open-data.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';

const tags = ['données ouvertes'];
const PUBLIC = { auth: 'public' as const };

/** The uploaded file of a multipart/form-data body (the first part carrying a file, else the first part). */
function multipartFile(body: Buffer, contentType: string): { text: string; contentType: string } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new DomainError('validation_failed', 'Envoi du fichier illisible (multipart sans délimiteur).', { field: 'fichier' });
  const parts = body.toString('utf8').split(`--${boundary[1] ?? boundary[2]}`).slice(1, -1);
  const files = parts.map((p) => {
    const split = p.indexOf('\r\n\r\n');
    return { head: p.slice(0, split), body: p.slice(split + 4).replace(/\r\n$/, '') };
  });
  const file = files.find((f) => /filename=/i.test(f.head)) ?? files[0];
  if (!file) throw new DomainError('validation_failed', 'Aucun fichier reçu.', { field: 'fichier' });
  return { text: file.body, contentType: /content-type:\s*([^\r\n]+)/i.exec(file.head)?.[1] ?? 'text/csv' };
}

function uploaded(request: FastifyRequest): { text: string; contentType: string } {
  const contentType = request.headers['content-type'] ?? 'text/csv';
  const body = request.body as Buffer | string | undefined;
  if (!body || body.length === 0) throw new DomainError('validation_failed', 'Aucun fichier reçu.', { field: 'fichier' });
  if (contentType.startsWith('multipart/form-data')) return multipartFile(Buffer.isBuffer(body) ? body : Buffer.from(body), contentType);
  return { text: Buffer.isBuffer(body) ? body.toString('utf8') : body, contentType };
}

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  // Raw files for the import route (this plugin's scope only): CSV, JSON kept as text, multipart.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['text/csv', 'text/plain', 'application/json', 'application/csv'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  for (const format of ['csv', 'json'] as const) {
    app.get(`/api/open-data/:territoryCode/lieux-de-mediation-numerique.${format}`, {
      config: PUBLIC,
      schema: {
        tags, summary: `Les lieux habilités au schéma national des lieux de médiation numérique (${format.toUpperCase()}, public)`,
        params: TerritoryCodeParams, produces: [format === 'csv' ? 'text/csv' : 'application/json'], response: { 200: OpenDataFile, ...errorResponses },
      },
    }, async (request, reply) => {
      const file = await openPlaces(deps, request.params.territoryCode, format);
      return reply.header('content-type', file.contentType).header('content-disposition', `inline; filename="${file.filename}"`).send(file.body as never);
    });
  }

  app.get('/api/open-data/:territoryCode/statistiques.json', {
    config: PUBLIC,
    schema: { tags, summary: 'Statistiques anonymisées par commune et par mois (effectifs de 1 à 4 masqués)', params: TerritoryCodeParams, querystring: StatisticsQuery, response: { 200: StatisticsBody, ...errorResponses } },
  }, async (request) => {
    const { territory, rule, generatedOn, rows } = await openStatistics(deps, request.params.territoryCode, request.query);
    return { territory, rule, generatedOn, rows };
  });

  app.get('/api/open-data/:territoryCode/statistiques.csv', {
    config: PUBLIC,
    schema: { tags, summary: 'Statistiques anonymisées par commune et par mois, en CSV (cellule vide = effectif masqué)', params: TerritoryCodeParams, querystring: StatisticsQuery, produces: ['text/csv'], response: { 200: OpenDataFile, ...errorResponses } },
  }, async (request, reply) => {
    const stats = await openStatistics(deps, request.params.territoryCode, request.query);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `inline; filename="${stats.filename('csv')}"`).send(stats.csv() as never);
  });

  app.post('/api/open-data/places/import', {
    schema: {
      tags, summary: 'Importer des lieux au schéma national (CSV ou JSON) : structures et lieux créés ou mis à jour, avec un compte rendu ligne par ligne',
      body: PlacesImportBody.optional(), consumes: ['text/csv', 'application/json', 'multipart/form-data'], response: { 200: PlacesImportReport, ...errorResponses },
    },
    // The body is a file, checked line by line by the use case, not by a schema.
    validatorCompiler: () => (data) => ({ value: data }),
  }, async (request) => importOpenPlaces(deps, actorOf(request), uploaded(request)));
};
export default plugin;
