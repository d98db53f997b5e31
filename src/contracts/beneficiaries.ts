import { z } from 'zod';
import { SPECIFIC_SUPPORTS } from '../domain/mediation-enums.ts';
import { PRIORITY_MARKER_IDS } from '../domain/person.ts';
import { Id, InseeCode, IsoDate } from './common.ts';

export const PriorityMarkerId = z.enum(PRIORITY_MARKER_IDS);

export const BeneficiaryBody = z.object({
  firstName: z.string().trim().min(1).max(80).describe('Prénom'),
  birthName: z.string().trim().min(1).max(80).describe('Nom de naissance (sert à détecter les doublons)'),
  usageName: z.string().trim().max(80).nullish().describe('Nom d’usage (ne sert pas à détecter les doublons)'),
  birthDate: IsoDate.describe('Date de naissance AAAA-MM-JJ'),
  communeInsee: InseeCode.describe('Code INSEE de la commune de résidence (pas le code postal)'),
  address: z.string().trim().max(200).nullish(),
  phone: z.string().trim().max(30).nullish().describe('Téléphone pour les rappels (facultatif)'),
  email: z.string().trim().max(254).nullish().describe('E-mail pour les rappels (facultatif)'),
  contactConsent: z.boolean().optional().describe('Accord pour recevoir des rappels ; par défaut oui si un contact est donné'),
  reminderChannels: z.array(z.enum(['sms', 'email', 'letter'])).max(3).optional().describe('Canaux de rappel acceptés un par un (remplace contactConsent)'),
  consent: z.literal(true).describe('Consentement au traitement des données, recueilli par l’agent'),
  priorityMarkers: z.array(PriorityMarkerId).max(10).optional().describe('Critères de public prioritaire'),
});

export const ExistingBooklet = z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  organisationName: z.string(),
  issuedAt: z.string(),
  serial: z.string().nullable().describe('Numéro du carnet, seulement pour l’organisation qui l’a remis'),
});

export const BeneficiaryCreated = z.object({
  id: z.string(),
  communeName: z.string(),
  existingBooklets: z.array(ExistingBooklet).describe('Carnets déjà remis à la même personne sur le territoire'),
});

export const BeneficiaryParams = z.object({ id: Id });

export const BeneficiaryListQuery = z.object({
  q: z.string().trim().max(100).optional().describe('Nom ou prénom ; accents, majuscules, tirets et apostrophes ignorés'),
  birthDate: IsoDate.optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('Synonyme de pageSize'),
});

export const BookletSummary = z.object({
  id: z.string(),
  serial: z.string(),
  status: z.enum(['in_stock', 'issued', 'cancelled', 'replaced']),
  statusLabel: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  validUntil: z.string(),
  expired: z.boolean(),
  issuedAt: z.string().nullable(),
  organisationName: z.string().nullable(),
  fromStock: z.boolean(),
  replacesBookletId: z.string().nullable(),
  cancelReason: z.string().nullable(),
  faceValueCents: z.number().int(),
  totalTickets: z.number().int(),
  usedTickets: z.number().int(),
  unusedTickets: z.number().int().describe('Tickets encore utilisables (remis, campagne valable)'),
});

export const BeneficiaryListItem = z.object({
  id: z.string(),
  firstName: z.string(),
  birthName: z.string(),
  usageName: z.string().nullable(),
  birthDate: z.string(),
  communeInsee: z.string(),
  communeName: z.string().nullable(),
  profile: z.string().nullable(),
  profileLabel: z.string().nullable(),
  booklet: BookletSummary.nullable().describe('Le carnet en cours (ou le plus récent)'),
  booklets: z.array(BookletSummary),
  unusedTickets: z.number().int(),
  createdAt: z.string(),
});

export const BeneficiaryList = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  hasMore: z.boolean(),
  items: z.array(BeneficiaryListItem),
});

const SessionFields = {
  id: z.string(),
  structureId: z.string(),
  structureName: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  address: z.string(),
  postalCode: z.string(),
  communeInsee: z.string(),
  communeName: z.string().nullable(),
  title: z.string(),
  theme: z.string(),
  format: z.enum(['individuel', 'collectif']),
  startsAt: z.string(),
  durationMinutes: z.number().int(),
  capacity: z.number().int(),
  booked: z.number().int(),
  seatsLeft: z.number().int(),
};
export const TrainingSession = z.object({ ...SessionFields, attendees: z.array(z.object({ bookingId: z.string(), name: z.string() })).optional() });

export const BeneficiaryDetails = z.object({
  id: z.string(),
  firstName: z.string(),
  birthName: z.string(),
  usageName: z.string().nullable(),
  birthDate: z.string(),
  communeInsee: z.string(),
  communeName: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  contactConsent: z.boolean(),
  reminderChannels: z.array(z.enum(['sms', 'email', 'letter'])).nullable().describe('Canaux acceptés ; null : tout contact donné (accord unique plus ancien)'),
  optedOutAt: z.string().nullable(),
  consentAt: z.string(),
  priorityMarkers: z.array(z.string()),
  createdAt: z.string(),
  diagnostics: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['initial', 'followup']),
      previousId: z.string().nullable(),
      version: z.string(),
      profile: z.string(),
      profileLabel: z.string(),
      needs: z.array(z.string()),
      answers: z.record(z.string(), z.string()),
      percent: z.number().nullable(),
      createdAt: z.string(),
      editsToday: z.boolean().describe('Diagnostic de départ fait aujourd’hui : un nouvel accueil le modifie au lieu d’enregistrer un suivi'),
    }),
  ),
  booklets: z.array(
    BookletSummary.extend({
      prints: z.number().int().describe('Impressions du carnet (remise et réimpressions)'),
      lastPrintedAt: z.string().nullable(),
      tickets: z.array(z.object({
        serial: z.string(),
        state: z.enum(['unused', 'used', 'expired', 'cancelled', 'blocked', 'in_stock']),
        stateLabel: z.string(),
        usedAt: z.string().nullable(),
        usedBy: z.string().nullable().describe('La structure qui a pris le ticket'),
      })),
    }),
  ),
  bookings: z.array(z.object({ bookingId: z.string(), ...SessionFields })),
  reminders: z.array(z.object({
    id: z.string(),
    kindLabel: z.string(),
    channelLabel: z.string(),
    status: z.enum(['pending', 'held', 'sent', 'failed']),
    statusLabel: z.string(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    why: z.string().nullable().describe('Pourquoi il n’est pas parti'),
  })),
});

export const ContactBody = z.object({
  address: z.string().trim().max(200).nullish(),
  phone: z.string().trim().max(30).nullish(),
  email: z.string().trim().max(254).nullish(),
  reminderChannels: z.array(z.enum(['sms', 'email', 'letter'])).max(3).describe('Canaux de rappel acceptés, case par case ; vide : aucun rappel'),
});

export const EligibilityCheck = z.object({
  rule: z.enum(['issuance_window', 'territory', 'one_booklet', 'profile', 'quota']),
  ok: z.boolean(),
  code: z.string().nullable().describe('Code du refus (les mêmes que POST /api/booklets)'),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});

export const CampaignEligibility = z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  eligible: z.boolean(),
  reasons: z.array(EligibilityCheck).describe('Les règles non remplies, la principale en premier'),
  checks: z.array(EligibilityCheck).describe('Toutes les règles, remplies ou non'),
  overrideUsed: z.boolean(),
});

export const EligibilityQuery = z.object({ overrideReason: z.string().trim().max(500).optional() });

const SpecificSupport = z.enum(SPECIFIC_SUPPORTS as [string, ...string[]]);

export const OrientationQuery = z.object({
  campaignId: Id.optional(),
  specificSupport: z.union([SpecificSupport, z.array(SpecificSupport)]).optional()
    .describe('Besoin de langue, de lecture ou d’accessibilité (prise en charge spécifique du schéma national), pour cette recherche seulement : jamais enregistré'),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});


/** A site orientation suggests: where, how to reach it, when it is open, in the person's commune or not. */
const OrientationPlace = z.object({
  structureId: z.string(),
  structureName: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  address: z.string(),
  postalCode: z.string(),
  communeInsee: z.string(),
  communeName: z.string().nullable(),
  phone: z.string().nullable(),
  openingHours: z.string().nullable(),
  openingHoursText: z.string().nullable(),
  inCommune: z.boolean(),
});
export const Orientation = z.object({
  campaignId: z.string().nullable(),
  profile: z.string().nullable(),
  profileLabel: z.string().nullable(),
  advice: z.string().nullable(),
  supportMode: z.string().nullable(),
  needs: z.array(z.object({ id: z.string(), label: z.string() })),
  services: z.array(z.string()),
  places: z.array(OrientationPlace.extend({ services: z.array(z.string()), matchedServices: z.array(z.string()) })),
  sessions: z.array(TrainingSession),
  doneForThem: z.object({
    needs: z.array(z.object({ id: z.string(), label: z.string() })).describe('Démarches que la personne veut qu’on fasse pour elle'),
    reason: z.string().nullable(),
    urgent: z.boolean(),
    places: z.array(OrientationPlace.extend({ programmes: z.array(z.string()).describe('France Services, Aidants Connect') })).describe('Lieux France Services et Aidants Connect du territoire, sa commune d’abord'),
  }).describe('À part de la formation : les démarches à faire pour la personne et où'),
});
