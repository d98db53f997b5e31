import { z } from 'zod';

export const LoginBody = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(200),
  totp: z.string().trim().max(32).optional(),
});

export const Me = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(['admin', 'finance', 'agent', 'structure_manager', 'mediator', 'auditor']),
  roleLabel: z.string(),
  territory: z.object({ id: z.string(), name: z.string(), code: z.string() }),
  organisation: z.object({ id: z.string(), name: z.string(), communeInsee: z.string() }).nullable(),
  structure: z.object({ id: z.string(), name: z.string() }).nullable(),
  totpEnabled: z.boolean(),
  totpEnrolmentRequired: z.boolean(),
  csrfToken: z.string(),
});
export type MeDto = z.infer<typeof Me>;

/** The programme the pages speak for: the signed-in person's territory, or the only one served. */
export const Programme = z.object({
  territoryName: z.string(),
  territoryCode: z.string(),
  logoUrl: z.string().nullable(),
  help: z.object({ phone: z.string().nullable(), email: z.string().nullable(), address: z.string().nullable() }),
});

/** What the web app needs on every page, answered 200 whether or not someone is signed in. */
export const SessionState = z.object({ me: Me.nullable(), programme: Programme.nullable() });

export const Commune = z.object({ inseeCode: z.string(), name: z.string(), postalCodes: z.array(z.string()), population: z.number() });
