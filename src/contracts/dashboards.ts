import { z } from 'zod';
import { Id, IsoDate } from './common.ts';

/** Filters shared by every dashboard: a campaign and a period (Paris calendar days, inclusive). */
export const DashboardQuery = z.object({
  campaignId: Id.optional().describe('Une campagne du territoire ; toutes par défaut'),
  from: IsoDate.optional().describe('Premier jour de la période (inclus)'),
  to: IsoDate.optional().describe('Dernier jour de la période (inclus)'),
});
export type DashboardQueryDto = z.infer<typeof DashboardQuery>;

const Scope = z.object({
  level: z.enum(['territory', 'organisation', 'structure']),
  label: z.string().describe('Ce que couvre le tableau de bord, en clair'),
  campaignId: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});

const Step = z.object({
  handedOut: z.number().int(),
  firstUsed: z.number().int(),
  allUsed: z.number().int(),
  firstUsedPercent: z.number().nullable(),
  allUsedPercent: z.number().nullable(),
});

export const FunnelDashboard = z.object({
  scope: Scope,
  totals: Step.extend({ quota: z.number().int().nullable(), handedOutPercentOfQuota: z.number().nullable() }),
  byCommune: z.array(Step.extend({ inseeCode: z.string(), name: z.string(), quota: z.number().int() })),
  byOrganisation: z.array(Step.extend({ organisationId: z.string(), name: z.string() })),
  timeToFirstUse: z.object({
    people: z.number().int(),
    medianDays: z.number().nullable(),
    averageDays: z.number().nullable(),
    bands: z.array(z.object({ label: z.string(), people: z.number().int() })),
  }),
});

const Counted = z.object({ id: z.string(), label: z.string() });
export const PeopleDashboard = z.object({
  scope: Scope,
  trainedPeople: z.number().int().describe('Personnes ayant suivi au moins une séance'),
  handedOutPeople: z.number().int().nullable().describe('Personnes ayant reçu un carnet (absent pour une structure)'),
  trainedPercent: z.number().nullable(),
  sessions: z.object({
    sessions: z.number().int(),
    tickets: z.number().int(),
    byTheme: z.array(Counted.extend({ sessions: z.number().int() })),
    byFormat: z.array(Counted.extend({ sessions: z.number().int() })),
    byDuration: z.array(Counted.extend({ sessions: z.number().int() })),
  }),
  priorityPublic: z.object({
    handedOut: z
      .object({ people: z.number().int(), priorityPeople: z.number().int(), priorityPercent: z.number().nullable(), byMarker: z.array(Counted.extend({ people: z.number().int() })) })
      .nullable(),
    trained: z.object({ people: z.number().int(), priorityPeople: z.number().int(), priorityPercent: z.number().nullable(), byMarker: z.array(Counted.extend({ people: z.number().int() })) }),
  }),
  autonomy: z.object({
    profiles: z.array(Counted.extend({ intake: z.number().int(), followup: z.number().int() })),
    peopleWithIntake: z.number().int(),
    peopleWithFollowup: z.number().int(),
    improved: z.number().int(),
    same: z.number().int(),
    declined: z.number().int(),
  }),
});

export const MoneyDashboard = z.object({
  scope: Scope,
  budgetCents: z.number().int().nullable().describe('Budget des campagnes (territoire seulement)'),
  issuedCents: z.number().int().describe('Valeur des tickets remis'),
  redeemedCents: z.number().int().describe('Valeur des tickets utilisés'),
  claimedCents: z.number().int().describe('Valeur demandée en remboursement (demandes envoyées, lignes en attente ou approuvées)'),
  approvedCents: z.number().int(),
  rejectedCents: z.number().int(),
  paidCents: z.number().int(),
  unusedCents: z.number().int().describe('Valeur remise mais non utilisée (encore valable + expirée)'),
  unusedValidCents: z.number().int(),
  unusedExpiredCents: z.number().int(),
  notIssuedCents: z.number().int().nullable().describe('Budget non engagé en carnets remis'),
  redeemedPercentOfIssued: z.number().nullable(),
  amounts: z
    .object({
      parts: z.array(z.object({
        state: z.enum(['redeemedUnclaimed', 'claimed', 'approvedUnpaid', 'paid', 'rejected', 'lapsed']),
        label: z.string(), count: z.number().int(), amountCents: z.number().int(),
      })),
      redeemed: z.object({ count: z.number().int(), amountCents: z.number().int() }),
      stillPayable: z.object({ count: z.number().int(), amountCents: z.number().int() }).describe('Dû à la structure'),
    })
    .nullable()
    .describe('Les tickets utilisés, état par état (domain/amounts.ts, mêmes mots que le grand livre) ; null pour une mairie et au niveau national'),
});

export const ActionListQuery = z.object({
  campaignId: Id.optional(),
  days: z.coerce.number().int().min(1).max(90).default(30).describe('Horizon en jours (30 par défaut)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const PersonToCall = z.object({
  beneficiaryId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  commune: z.object({ inseeCode: z.string(), name: z.string() }),
  organisation: z.object({ id: z.string(), name: z.string() }),
  campaign: z.object({ id: z.string(), name: z.string() }),
  unusedTickets: z.number().int(),
  unusedCents: z.number().int(),
  usedTickets: z.number().int(),
  validUntil: z.string(),
  daysLeft: z.number().int(),
  handedOutAt: z.string().nullable().describe('Date de remise du carnet'),
  lastMessageAt: z.string().nullable(),
  optedOut: z.boolean(),
  advice: z.string().describe('Ce que l’agent peut faire, en clair'),
});

export const ActionList = z.object({
  scope: Scope,
  until: z.string().describe('Dernier jour couvert (AAAA-MM-JJ)'),
  total: z.number().int(),
  people: z.array(PersonToCall).describe('Tickets non utilisés qui expirent d’ici « until »'),
  dormant: z
    .object({
      handedOutBefore: z.string().describe('Carnets remis avant ce jour (AAAA-MM-JJ)'),
      total: z.number().int(),
      people: z.array(PersonToCall),
    })
    .describe('Carnets qui dorment : remis depuis plus de 30 jours, aucun ticket utilisé (fin de validité plus lointaine)'),
});

const Count = z.number().int().nullable().describe('null : moins de 5 personnes (non affiché)');
const Share = z.number().nullable().describe('Pourcentage ; null si l’un des effectifs est inférieur à 5');
export const EvaluationDashboard = z.object({
  scope: Scope,
  peopleWithBaseline: Count,
  peopleWithFollowup: Count,
  followupPercent: Share,
  needs: z.object({ peopleWithNeeds: Count, peopleDoneAlone: Count, peopleDoneAlonePercent: Share, needsTotal: Count, needsDoneAlone: Count }),
  areas: z.array(z.object({
    version: z.string().describe('Version du questionnaire : seuls les diagnostics de même version sont comparés'),
    areaId: z.string(), label: z.string(), people: Count, progressed: Count, progressedPercent: Share,
    levels: z.array(z.object({ level: z.string(), label: z.string(), intake: Count, followup: Count })),
  })),
  themes: z.array(z.object({
    id: z.string(), label: z.string(), people: Count, peopleWithTwoSessions: Count, improved: Count, improvedPercent: Share,
    levels: z.array(z.object({ level: z.string(), label: z.string(), first: Count, last: Count })),
  })),
  communes: z.array(z.object({ inseeCode: z.string(), name: z.string(), people: Count, withFollowup: Count, followupPercent: Share, progressed: Count })),
});
