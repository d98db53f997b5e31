import { z } from 'zod';
import { IsoDate } from './common.ts';

export const AuditLogQuery = z.object({
  actor: z.string().max(200).optional().describe('Une partie du nom du compte (son adresse e-mail) ou « système »'),
  action: z.string().max(100).optional().describe('Le code de l’action (la liste `actions` de la réponse donne les codes et leurs libellés)'),
  targetType: z.string().max(50).optional().describe('Le type d’objet (la liste `targetTypes` de la réponse)'),
  targetId: z.string().max(64).optional().describe('L’identifiant de l’objet'),
  from: IsoDate.optional().describe('Premier jour (heure de Paris), inclus'),
  to: IsoDate.optional().describe('Dernier jour (heure de Paris), inclus'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const Choice = z.object({ value: z.string(), label: z.string() });

export const AuditLogPage = z.object({
  total: z.number().int().describe('Nombre d’entrées correspondant aux filtres, compté jusqu’à 10 000'),
  more: z.boolean().describe('Plus de 10 000 entrées correspondent'),
  entries: z.array(z.object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    actionLabel: z.string(),
    target: z.object({ type: z.string(), typeLabel: z.string(), id: z.string() }),
  })),
  actions: z.array(Choice),
  targetTypes: z.array(Choice),
  lastCheckpoint: z.object({ line: z.string(), purpose: z.string(), at: z.string() }).nullable(),
});

export const AuditVerificationResult = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  problem: z.string().nullable(),
  durationMs: z.number().int(),
  keyedFrom: z.number().int(),
  checkpoints: z.number().int(),
  failedCheckpoints: z.array(z.string()),
  checkedAt: z.string(),
});
