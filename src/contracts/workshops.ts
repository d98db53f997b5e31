import { z } from 'zod';
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES } from '../domain/redemption.ts';
import { THEME_IDS } from '../domain/themes.ts';
import { Id, IsoDate } from './common.ts';

export const TerritoryContact = z.object({
  territoryName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
});
export type TerritoryContactDto = z.infer<typeof TerritoryContact>;

export const MediatorContext = z.object({
  usualThemes: z.array(z.string()).describe('Les thématiques que la structure enregistre le plus souvent'),
  accreditation: z.object({
    accredited: z.boolean().describe('Habilitée pour au moins une campagne ouverte'),
    items: z.array(z.object({ campaignName: z.string(), status: z.enum(['accredited', 'applied', 'suspended', 'withdrawn', 'none']), statusLabel: z.string(), nextStep: z.string() })),
  }),
  contact: TerritoryContact,
});
export type MediatorContextDto = z.infer<typeof MediatorContext>;

export const WorkshopBody = z.object({
  title: z.string().trim().max(120).optional().describe('Intitulé (facultatif), ex. « Atelier smartphone »'),
  themes: z.array(z.enum(THEME_IDS)).min(1).max(THEME_IDS.length),
  durationMinutes: z.number().int().min(MIN_DURATION_MINUTES).max(MAX_DURATION_MINUTES),
  siteId: Id,
});

export const Workshop = z.object({
  id: z.string(),
  title: z.string().nullable(),
  heldOn: IsoDate,
  themes: z.array(z.object({ id: z.string(), label: z.string() })),
  durationMinutes: z.number().int(),
  site: z.object({ id: z.string(), name: z.string() }),
  participants: z.array(
    z.object({
      redemptionId: z.string(),
      holder: z.string().describe('Prénom et initiale du titulaire, ou le numéro du carnet'),
      bookletSerial: z.string(),
      ticketCount: z.number().int().describe('Tickets utilisés (hors annulations)'),
      totalCents: z.number().int(),
    }),
  ),
});
export type WorkshopDto = z.infer<typeof Workshop>;
export const WorkshopParams = z.object({ id: Id });
export const WorkshopDayQuery = z.object({ date: IsoDate.optional() });
