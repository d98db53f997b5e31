import { z } from 'zod';
import { Id, InseeCode } from './common.ts';
import { TrainingSession } from './beneficiaries.ts';

export { TrainingSession };

export const SessionBody = z.object({
  siteId: Id,
  title: z.string().trim().min(1).max(120),
  theme: z.string().trim().min(1).max(120).describe('Thème (ex. « Prendre en main son smartphone »)'),
  format: z.enum(['individuel', 'collectif']),
  startsAt: z.iso.datetime({ offset: true }).describe('Date et heure de début (ISO 8601)'),
  durationMinutes: z.number().int().min(15).max(480),
  capacity: z.number().int().min(1).max(200),
});

export const SessionListQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  campaignId: Id.optional().describe('Seulement les structures habilitées pour cette campagne'),
  communeInsee: InseeCode.optional(),
  structureId: Id.optional(),
  q: z.string().trim().max(100).optional(),
});

export const SessionParams = z.object({ id: Id });
export const BookingBody = z.object({ beneficiaryId: Id });
export const BookingResult = z.object({ id: z.string(), session: TrainingSession });
