import type { FastifyInstance } from 'fastify';
import { FORBIDDEN_CHARACTER_FR, forbiddenCharacter } from '../domain/text.ts';

/**
 * Refuses, before any route's validation, a request whose path parameters, query or JSON body holds
 * a character no database or file format of the service can keep (domain/text.ts): a French 400
 * naming the field, instead of a 500 from PostgreSQL or an XLSX file finance cannot open later.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    for (const [part, value] of [['params', request.params], ['query', request.query], ['body', request.body]] as const) {
      const found = findForbidden(value, []);
      if (!found) continue;
      const field = found.path.join('.') || part;
      // The same answer as a schema validation error (errors.ts): 400, validation_failed.
      const message = `Le champ « ${field} » contient ${FORBIDDEN_CHARACTER_FR[found.kind]} : retirez-le et réessayez.`;
      return reply.status(400).send({ code: 'validation_failed', message, details: { field } });
    }
  });
}

function findForbidden(value: unknown, path: (string | number)[]): { path: (string | number)[]; kind: NonNullable<ReturnType<typeof forbiddenCharacter>> } | null {
  if (typeof value === 'string') {
    const kind = forbiddenCharacter(value);
    return kind ? { path, kind } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbidden(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, child] of Object.entries(value)) {
      const keyKind = forbiddenCharacter(key);
      if (keyKind) return { path: [...path, key], kind: keyKind };
      const found = findForbidden(child, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
