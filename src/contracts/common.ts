import { isPlausibleIsoDate } from '../domain/text.ts';
import { z } from 'zod';

/** Every refusal: `{ code, message, details }` with a French message. */
export const ErrorBody = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) });

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')
  .refine(isPlausibleIsoDate, 'date hors des années 1800 à 2999');
export const Id = z.string().min(1).max(64);
export const InseeCode = z.string().regex(/^(\d{5}|2[AB]\d{3})$/, 'code INSEE de 5 caractères attendu');
export const Cents = z.number().int().min(0);

export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
  429: ErrorBody,
};
