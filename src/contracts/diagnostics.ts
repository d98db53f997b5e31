import { z } from 'zod';
import { NEED_OUTCOMES } from '../domain/autonomy.ts';
import { CampaignEligibility, EligibilityCheck } from './beneficiaries.ts';

const Option = z.object({ id: z.string(), label: z.string(), score: z.number().int().optional(), notApplicable: z.boolean().optional().describe('« Pas concerné » : hors du calcul du niveau') });

export const DiagnosticModelDto = z.object({
  version: z.string(),
  title: z.string(),
  accessLabel: z.string(),
  scoring: z.enum(['overall', 'per_area']).describe('per_area (v2) : un niveau par domaine ; overall (v1) : un score moyen'),
  areas: z.array(z.object({ id: z.string(), label: z.string(), pictogram: z.string().nullable(), digcomp: z.string().nullable(), coopThemes: z.array(z.string()) })),
  questions: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      areaId: z.string().nullable().describe('null : blocs non notés (équipement et accès, orientation)'),
      block: z.enum(['access', 'orientation', 'area']),
      kind: z.enum(['self', 'observed']).describe('observed : tâche observée par l’agent, pèse plus que la réponse déclarée'),
      weight: z.number(),
      hint: z.string().nullable().describe('Explication d’un mot difficile, à lire avec la question'),
      material: z.array(z.string()),
      success: z.string().nullable(),
      options: z.array(Option),
    }),
  ),
  profiles: z.array(z.object({ id: z.string(), label: z.string(), minPercent: z.number(), advice: z.string() })),
  needGroups: z.array(z.object({ id: z.string(), label: z.string() })),
  needs: z.array(z.object({
    id: z.string(), label: z.string(), group: z.string(), services: z.array(z.string()),
    themes: z.array(z.string()).describe('Thématiques de la Coop de la médiation numérique'),
    areas: z.array(z.string()).describe('Domaines du diagnostic liés à ce besoin'),
    canBeDoneForThem: z.boolean().describe('Démarche qu’un France Services ou un aidant habilité Aidants Connect peut faire pour la personne'),
  })),
  priorityMarkers: z.array(z.object({ id: z.string(), label: z.string() })),
});

export const DiagnosticBody = z.object({
  version: z.string().min(1).max(40),
  answers: z.record(z.string().max(80), z.string().max(80)).describe('{ [questionId]: optionId } — toutes les questions du modèle'),
  needs: z.array(z.string().max(80)).max(40),
  kind: z.enum(['initial', 'followup']).optional().describe('followup : diagnostic de suivi, comparé au diagnostic de départ (même version). initial : le diagnostic de départ ; refait le même jour, il le modifie ; un autre jour, il est enregistré comme suivi'),
  needOutcomes: z.record(z.string().max(80), z.enum(NEED_OUTCOMES)).optional()
    .describe('Suivi : pour chaque besoin du départ, « Avez-vous pu le faire vous-même ? » (oui, avec_aide, non, pas_encore)'),
});

export const AreaLevel = z.object({
  areaId: z.string(), label: z.string(), pictogram: z.string().nullable(), score: z.number(), max: z.number(), percent: z.number(),
  level: z.enum(['sans_autonomie', 'debutant', 'intermediaire', 'autonome']).nullable().describe('null : pas concerné'),
  levelLabel: z.string(), coopLabel: z.string().nullable().describe('Équivalent sur l’échelle d’autonomie de la Coop'),
  digcomp: z.string().nullable().describe('Équivalent DigComp 2.2 (pas une certification)'), digcompArea: z.string().nullable(),
  observed: z.boolean().describe('Une tâche observée compte dans ce niveau'),
});

export const DiagnosticResult = z.object({
  id: z.string(),
  kind: z.enum(['initial', 'followup']),
  recordedAs: z.enum(['created', 'edited', 'followup']).describe('created : diagnostic de départ ; edited : départ refait le même jour ; followup : suivi'),
  version: z.string(),
  previousId: z.string().nullable(),
  profile: z.enum(['sans_autonomie', 'debutant', 'intermediaire', 'autonome']),
  profileLabel: z.string(),
  percent: z.number(),
  perArea: z.boolean(),
  areas: z.array(AreaLevel),
  baselineAreas: z.array(AreaLevel).nullable().describe('Suivi : les niveaux du diagnostic de départ'),
  needOutcomes: z.record(z.string(), z.enum(NEED_OUTCOMES)),
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
