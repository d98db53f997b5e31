import { z } from 'zod';
import { REDEMPTION_STATES } from '../domain/redemption-state.ts';
import { MAX_CODES_PER_REDEMPTION, MAX_DURATION_MINUTES, MIN_DURATION_MINUTES } from '../domain/redemption.ts';
import { SERVICE_FORMATS, THEME_IDS } from '../domain/themes.ts';
import { COOP_AUTONOMY } from '../domain/autonomy.ts';
import { Id, IsoDate } from './common.ts';

const TicketStatus = z.enum(['in_stock', 'issued', 'redeemed', 'claimed', 'paid', 'cancelled', 'expired', 'blocked']);
/** A ticket code as typed or scanned: any case, spaces and hyphens allowed. */
export const TicketCodeInput = z.string().trim().min(1).max(64).describe('Code du ticket, tel que saisi ou scanné');

export const TicketCodeParams = z.object({ code: TicketCodeInput });

export const TicketCheck = z.object({
  serial: z.string(),
  bookletSerial: z.string(),
  index: z.number().int(),
  status: TicketStatus,
  statusLabel: z.string(),
  faceValueCents: z.number().int(),
  validUntil: IsoDate,
  campaign: z.object({ id: z.string(), name: z.string(), year: z.number().int() }),
  holder: z.object({ firstName: z.string(), lastNameInitial: z.string() }).nullable(),
  usable: z.boolean(),
  refusal: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }).nullable(),
});
export type TicketCheckDto = z.infer<typeof TicketCheck>;

export const ServiceDelivered = z.object({
  format: z.enum(SERVICE_FORMATS).describe('individuel = accompagnement individuel, collectif = atelier collectif'),
  themes: z.array(z.enum(THEME_IDS)).min(1).max(THEME_IDS.length).describe('Thématiques (liste GET /api/themes)'),
  durationMinutes: z.number().int().min(MIN_DURATION_MINUTES).max(MAX_DURATION_MINUTES),
  siteId: Id,
});

export const RedeemBody = z.object({
  clientRedemptionId: z.uuid().describe('UUID généré par le scanner à la lecture du code ; renvoyer le même en cas de nouvel essai'),
  codes: z.array(TicketCodeInput).min(1).max(MAX_CODES_PER_REDEMPTION).describe('Codes des tickets d’un même carnet'),
  service: ServiceDelivered.optional().describe('L’accompagnement réalisé ; absent pour un participant d’un atelier collectif (workshopId)'),
  workshopId: Id.optional().describe('L’atelier collectif (POST /api/workshops) auquel le titulaire a participé : son accompagnement est celui de l’atelier'),
  autonomy: z
    .array(z.object({ theme: z.enum(THEME_IDS), level: z.enum(COOP_AUTONOMY) }))
    .max(THEME_IDS.length)
    .optional()
    .describe('Autonomie de la personne sur les thématiques travaillées, sur l’échelle de la Coop : EntierementAccompagne (avec guidage), PartiellementAutonome, Autonome'),
});
export type RedeemBodyDto = z.infer<typeof RedeemBody>;

export const RedemptionView = z.object({
  redemptionId: z.string(),
  clientRedemptionId: z.string(),
  redeemedAt: z.string(),
  by: z.string(),
  service: z.object({
    format: z.enum(SERVICE_FORMATS),
    formatLabel: z.string(),
    themes: z.array(z.object({ id: z.string(), label: z.string() })),
    durationMinutes: z.number().int(),
    site: z.object({ id: z.string(), name: z.string() }),
  }),
  campaign: z.object({ id: z.string(), name: z.string() }).nullable(),
  bookletSerial: z.string().nullable(),
  tickets: z.array(
    z.object({
      serial: z.string(),
      index: z.number().int(),
      faceValueCents: z.number().int(),
      validUntil: IsoDate,
      undoneAt: z.string().nullable(),
      undoReason: z.string().nullable(),
      inClaim: z.boolean(),
    }),
  ),
  totalCents: z.number().int(),
  undone: z.boolean(),
  canUndo: z.boolean(),
});
export type RedemptionViewDto = z.infer<typeof RedemptionView>;

export const RedemptionResult = RedemptionView.extend({ outcome: z.literal('ok'), replay: z.boolean() });
export type RedemptionResultDto = z.infer<typeof RedemptionResult>;

export const RedemptionIdParams = z.object({ id: Id });
export const UndoBody = z.object({
  reason: z.string().trim().min(3).max(500).describe('Pourquoi l’utilisation est annulée'),
  ticketSerials: z.array(z.string().min(1).max(64)).min(1).optional().describe('Limiter l’annulation à ces tickets (tous par défaut)'),
});

export const RedemptionDayQuery = z.object({ date: IsoDate.optional().describe('Jour (Europe/Paris), aujourd’hui par défaut') });
export const RedemptionDay = z.object({
  date: IsoDate,
  redemptions: z.array(RedemptionView),
  ticketCount: z.number().int(),
  totalCents: z.number().int(),
});
export type RedemptionDayDto = z.infer<typeof RedemptionDay>;

export const RedemptionHistoryQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Le mois doit être au format AAAA-MM (par exemple 2026-03).').optional().describe('Mois (AAAA-MM, Europe/Paris), le mois en cours par défaut'),
  siteId: z.string().max(64).optional(),
  mediatorId: z.string().max(64).optional(),
  state: z.enum(REDEMPTION_STATES).optional().describe('a_demander | demande | paye | annule'),
});
const Named = z.object({ id: z.string(), name: z.string() });
export const RedemptionHistory = z.object({
  month: z.string(),
  redemptions: z.array(RedemptionView.extend({ state: z.enum(REDEMPTION_STATES), stateLabel: z.string(), mediatorId: z.string() })),
  ticketCount: z.number().int(),
  totalCents: z.number().int(),
  sites: z.array(Named),
  mediators: z.array(Named),
});
export type RedemptionHistoryDto = z.infer<typeof RedemptionHistory>;

export const PublicTicketCheckBody = z.object({ code: TicketCodeInput });
export const PublicTicketCheck = z.object({ usable: z.boolean(), validUntil: IsoDate, message: z.string() });
export type PublicTicketCheckDto = z.infer<typeof PublicTicketCheck>;

export const BlockBody = z.object({ reason: z.string().trim().min(3).max(500).describe('Motif (ex. : suspicion de fraude)') });
export const TicketSerialParams = z.object({ serial: z.string().trim().min(1).max(64) });
export const BookletRefParams = z.object({ ref: z.string().trim().min(1).max(64).describe('Identifiant ou numéro de série du carnet') });
export const BlockResult = z.object({
  changed: z.array(z.object({ serial: z.string(), status: TicketStatus })),
  unchanged: z.array(z.object({ serial: z.string(), status: TicketStatus })),
});

export const ThemeList = z.object({
  groups: z.array(z.object({ id: z.enum(['mediation', 'demarches']), label: z.string() })),
  themes: z.array(z.object({ id: z.string(), label: z.string(), group: z.enum(['mediation', 'demarches']) })),
  formats: z.array(z.object({ id: z.enum(SERVICE_FORMATS), label: z.string() })),
});
export type ThemeListDto = z.infer<typeof ThemeList>;
