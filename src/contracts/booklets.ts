import { z } from 'zod';
import { Id, InseeCode } from './common.ts';

export const Override = z.object({ reason: z.string().trim().min(1).max(500).describe('Raison écrite de la dérogation (au moins 10 caractères)') });

export const IssueBookletBody = z.object({
  beneficiaryId: Id,
  campaignId: Id,
  override: Override.optional().describe('Dérogation : remise malgré un profil au-delà du seuil de la campagne'),
});

const Ticket = z.object({ serial: z.string(), code: z.string().describe('Code en clair : transmis uniquement à la remise') });

export const IssuedBooklet = z.object({
  booklet: z.object({
    id: z.string(),
    serial: z.string(),
    validUntil: z.string(),
    faceValueCents: z.number().int(),
    tickets: z.array(Ticket),
  }),
});

export const ActivateBody = z.object({
  serial: z.string().trim().min(1).max(40).describe('Numéro du carnet pré-imprimé (scanné ou tapé)'),
  beneficiaryId: Id,
  override: Override.optional(),
});

export const ActivatedBooklet = z.object({
  booklet: z.object({
    id: z.string(),
    serial: z.string(),
    validUntil: z.string(),
    faceValueCents: z.number().int(),
    tickets: z.array(z.object({ serial: z.string(), status: z.string() })),
  }),
});

export const BookletParams = z.object({ id: Id });

export const ReplaceBody = z.object({
  reason: z.string().trim().min(1).max(500).describe('Carnet perdu, volé, abîmé…'),
  replace: z.boolean().default(true).describe('true : remettre un carnet de remplacement avec les tickets non utilisés'),
});

export const ReplaceResult = z.object({
  cancelledTickets: z.number().int(),
  replacement: IssuedBooklet.shape.booklet.nullable(),
});

export const PrintBatchBody = z.object({
  campaignId: Id,
  communeInsee: InseeCode,
  count: z.number().int().min(1).max(1000),
});

export const PrintBatch = z.object({
  id: z.string(),
  campaignId: z.string(),
  communeInsee: z.string(),
  communeName: z.string(),
  count: z.number().int(),
  firstSerial: z.string(),
  lastSerial: z.string(),
});

export const StockQuery = z.object({ campaignId: Id.optional() });

export const Stock = z.object({
  campaignId: z.string().nullable(),
  communes: z.array(z.object({ communeInsee: z.string(), communeName: z.string().nullable(), inStock: z.number().int(), handedOut: z.number().int() })),
  batches: z.array(z.object({ id: z.string(), communeInsee: z.string(), communeName: z.string().nullable(), count: z.number().int(), createdAt: z.string() })),
});
