import { z } from 'zod';
import { Id, InseeCode } from './common.ts';

export const OutboxStatus = z.enum(['pending', 'held', 'sent', 'failed']);
export const ChannelName = z.enum(['email', 'sms', 'letter']);

export const OutboxQuery = z.object({
  status: OutboxStatus.optional().describe('held = en attente d’un canal configuré'),
  channel: ChannelName.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const OutboxMessage = z.object({
  id: z.string(),
  kind: z.string().describe('session_soon (séance dans 2 jours) | tickets_expiring (tickets qui expirent dans 30 jours)'),
  kindLabel: z.string(),
  channel: ChannelName,
  channelLabel: z.string(),
  status: OutboxStatus,
  statusLabel: z.string(),
  recipient: z.string(),
  beneficiary: z.object({ id: z.string(), name: z.string() }).nullable(),
  subject: z.string(),
  body: z.string(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});

export const OutboxList = z.object({
  total: z.number().int(),
  channels: z.array(z.object({ channel: ChannelName, label: z.string(), configured: z.boolean(), help: z.string() })),
  messages: z.array(OutboxMessage),
});

export const MessageParams = z.object({ id: Id });
export const OutboxAttempt = z.object({ id: z.string(), at: z.string(), ok: z.boolean(), error: z.string().nullable() });
export const RequeueResult = z.object({ id: z.string(), status: z.literal('pending') });
export const LettersBody = z.object({ communeInsee: InseeCode.optional().describe('Seulement les courriers des habitants de cette commune') });
export const PdfFile = z.string().describe('Le lot de courriers en PDF (une page par courrier)');

export const BeneficiaryParams = z.object({ id: Id });
export const OptOutResult = z.object({
  beneficiaryId: z.string(),
  optedOutAt: z.string(),
  droppedMessages: z.number().int().describe('Messages pas encore envoyés, annulés'),
  alreadyRecorded: z.boolean(),
});

export const OptOutQuery = z.object({
  q: z.string().max(100).optional().describe('Nom ou prénom (accents et majuscules ignorés)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const OptOutList = z.object({
  total: z.number().int(),
  people: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      commune: z.string(),
      organisation: z.string().describe('L’organisation qui a reçu la personne'),
      optedOutAt: z.string().describe('Date du refus : il vaut pour tous les moyens (SMS, courriel, courrier)'),
    }),
  ),
});
