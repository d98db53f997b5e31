import { z } from 'zod';
import { CampaignEligibility, EligibilityCheck } from './beneficiaries.ts';

const Option = z.object({ id: z.string(), label: z.string(), score: z.number().int().optional() });

export const DiagnosticModelDto = z.object({
  version: z.string(),
  title: z.string(),
  accessLabel: z.string(),
  areas: z.array(z.object({ id: z.string(), label: z.string() })),
  questions: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      areaId: z.string().nullable().describe('null : bloc « équipement et accès », non noté'),
      block: z.enum(['access', 'area']),
      options: z.array(Option),
    }),
  ),
  profiles: z.array(z.object({ id: z.string(), label: z.string(), minPercent: z.number(), advice: z.string() })),
  needGroups: z.array(z.object({ id: z.string(), label: z.string() })),
  needs: z.array(z.object({ id: z.string(), label: z.string(), group: z.string(), services: z.array(z.string()) })),
  priorityMarkers: z.array(z.object({ id: z.string(), label: z.string() })),
});

export const DiagnosticBody = z.object({
  version: z.string().min(1).max(40),
  answers: z.record(z.string().max(80), z.string().max(80)).describe('{ [questionId]: optionId } — toutes les questions du modèle'),
  needs: z.array(z.string().max(80)).max(40),
  kind: z.enum(['initial', 'followup']).optional().describe('followup : diagnostic de suivi, relié au diagnostic initial'),
});

export const DiagnosticResult = z.object({
  id: z.string(),
  kind: z.enum(['initial', 'followup']),
  previousId: z.string().nullable(),
  profile: z.enum(['sans_autonomie', 'debutant', 'intermediaire', 'autonome']),
  profileLabel: z.string(),
  percent: z.number(),
  areas: z.array(z.object({ areaId: z.string(), label: z.string(), score: z.number(), max: z.number(), percent: z.number() })),
  advice: z.string(),
  supportMode: z.string().nullable(),
  services: z.array(z.string()),
  eligibility: z.object({
    eligible: z.boolean(),
    reasons: z.array(EligibilityCheck),
    checks: z.array(EligibilityCheck),
    campaignId: z.string().nullable(),
  }).describe('Pour la campagne ouverte (la plus récente)'),
  campaigns: z.array(CampaignEligibility).describe('Pour chaque campagne ouverte'),
});
