import { z } from 'zod';
import { Id } from './common.ts';
import { AreaLevel, DiagnosticModelDto } from './diagnostics.ts';

export const FollowupForm = z.object({
  person: z.object({ id: z.string(), firstName: z.string(), lastNameInitial: z.string() }),
  baseline: z.object({
    id: z.string(),
    version: z.string(),
    createdAt: z.string(),
    needs: z.array(z.object({ id: z.string(), label: z.string() })),
    areas: z.array(AreaLevel),
  }),
  followups: z.number().int().describe('Diagnostics de suivi déjà enregistrés'),
  model: DiagnosticModelDto.describe('Le questionnaire du diagnostic de départ (même version)'),
});

export const RedemptionFollowup = z.object({
  beneficiaryId: z.string(),
  firstName: z.string(),
  ticketsLeft: z.number().int(),
  hasBaseline: z.boolean(),
  followupSuggested: z.boolean().describe('Le dernier ticket du carnet est utilisé et un diagnostic de départ existe'),
});

export const RedemptionIdParams = z.object({ id: Id });
