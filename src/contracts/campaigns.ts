import { z } from 'zod';
import { DIAGNOSTIC_PROFILES } from '../domain/campaign.ts';
import { SERVICES } from '../domain/mediation-enums.ts';
import { ELIGIBILITY_RULES } from '../domain/eligibility.ts';
import { FONCTION_MESSAGE, IMPUTATION_FONCTION, IMPUTATION_NATURE, NATURE_MESSAGE } from '../domain/payment-mode.ts';
import { Id, InseeCode, IsoDate } from './common.ts';

export const CampaignStatus = z.enum(['draft', 'open', 'closed']);
export const DiagnosticThreshold = z.enum(DIAGNOSTIC_PROFILES);
export const ServiceName = z.enum(SERVICES as [string, ...string[]]);

/** Budget year and imputation (nature, fonction) the campaign's mandats are charged to. */
export const Imputation = z.object({
  budgetYear: z.number().int().min(2000, 'exercice budgétaire attendu (année sur 4 chiffres)').max(2100, 'exercice budgétaire attendu (année sur 4 chiffres)'),
  nature: z.string().trim().regex(IMPUTATION_NATURE, NATURE_MESSAGE).describe('compte de nature, classe 6 (ex. 6574)'),
  fonction: z.string().trim().regex(IMPUTATION_FONCTION, FONCTION_MESSAGE).describe('code fonctionnel (ex. 312)'),
});

export const Campaign = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number().int(),
  status: CampaignStatus,
  ticketsPerBooklet: z.number().int(),
  faceValueCents: z.number().int(),
  issuanceStart: z.string(),
  issuanceEnd: z.string(),
  validityEnd: z.string(),
  claimDeadline: z.string(),
  budgetCents: z.number().int(),
  eligibleServices: z.array(z.string()),
  diagnosticThreshold: DiagnosticThreshold,
  eligibilityRule: z.enum(ELIGIBILITY_RULES),
  allowReplacement: z.boolean(),
  quotaFixed: z.number().int(),
  quotaWeightedTotal: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  imputation: Imputation.nullable(),
});
export type CampaignDto = z.infer<typeof Campaign>;

/** Per-commune figure used to share the weighted part (e.g. population living in QPV), by INSEE code. */
export const QuotaWeights = z.record(InseeCode, z.number().int().min(0));

export const CampaignBody = z.object({
  name: z.string().trim().min(1).max(120),
  year: z.number().int(),
  ticketsPerBooklet: z.number().int(),
  faceValueCents: z.number().int(),
  issuanceStart: IsoDate,
  issuanceEnd: IsoDate,
  validityEnd: IsoDate,
  claimDeadline: IsoDate,
  budgetCents: z.number().int(),
  eligibleServices: z.array(ServiceName).min(1),
  diagnosticThreshold: DiagnosticThreshold,
  eligibilityRule: z.enum(ELIGIBILITY_RULES).default('need_areas')
    .describe('need_areas : un domaine lié aux besoins au seuil ou en dessous ; any_area : un domaine quelconque ; overall : le profil moyen (ancienne règle)'),
  allowReplacement: z.boolean().default(true),
  quotaFixed: z.number().int().min(0),
  quotaWeightedTotal: z.number().int().min(0),
  weights: QuotaWeights.optional(),
});
export type CampaignBodyDto = z.infer<typeof CampaignBody>;

export const CampaignPatch = CampaignBody.extend({ allowReplacement: z.boolean() }).partial();
export type CampaignPatchDto = z.infer<typeof CampaignPatch>;

export const CampaignListQuery = z.object({ status: CampaignStatus.optional() });
export const CampaignParams = z.object({ id: Id });

export const CommuneQuota = z.object({
  inseeCode: z.string(),
  communeName: z.string(),
  weight: z.number().int(),
  quota: z.number().int(),
  issued: z.number().int(),
  remaining: z.number().int(),
});
export const CampaignQuotas = z.object({
  campaignId: z.string(),
  quotaFixed: z.number().int(),
  quotaWeightedTotal: z.number().int(),
  totalQuota: z.number().int(),
  totalIssued: z.number().int(),
  communes: z.array(CommuneQuota),
});
export const QuotaParams = z.object({ id: Id, inseeCode: InseeCode });
export const QuotaBody = z.object({ quota: z.number().int().min(0).max(10_000_000) });

export const WeightsImportBody = z.object({ csv: z.string().max(2_000_000).describe('Le tableau CSV : code INSEE de la commune, puis son chiffre (une ligne par commune)') });
export const WeightsImportResult = z.object({
  accepted: z.number().int(),
  refused: z.number().int(),
  lines: z.array(z.object({
    line: z.number().int(), inseeCode: z.string(), communeName: z.string().nullable(), weight: z.number().int().nullable(),
    status: z.enum(['ok', 'refused']), reason: z.string().nullable(),
  })),
});
