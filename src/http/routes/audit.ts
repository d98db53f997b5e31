import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../contracts/common.ts';
import { AuditLogPage, AuditLogQuery, AuditVerificationResult } from '../../contracts/audit.ts';
import { listAuditLog, verifyAuditOnDemand } from '../../usecases/administration/audit-log.ts';
import type { Deps } from '../../usecases/support/deps.ts';
import { actorOf } from '../auth.ts';

const tags = ['audit'];

const plugin: FastifyPluginAsync<Deps> = async (base, deps) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/audit', {
    schema: { tags, summary: 'Le journal d’audit : qui a fait quoi, quand, sur quel objet (filtres, pages), et le dernier point de contrôle', querystring: AuditLogQuery, response: { 200: AuditLogPage, ...errorResponses } },
  }, async (request) => listAuditLog(deps, actorOf(request), request.query));

  app.post('/api/audit/verification', {
    schema: { tags, summary: 'Vérifier maintenant la chaîne du journal d’audit, son sceau et ses points de contrôle', response: { 200: AuditVerificationResult, ...errorResponses } },
  }, async (request) => verifyAuditOnDemand(deps, actorOf(request)));
};

export default plugin;
