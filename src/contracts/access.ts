import { z } from 'zod';
import { ORGANISATION_KINDS } from '../domain/organisation.ts';
import { Id, InseeCode } from './common.ts';

export const RoleName = z.enum(['admin', 'finance', 'agent', 'structure_manager', 'mediator', 'auditor']);

export const User = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: RoleName,
  roleLabel: z.string(),
  organisationId: z.string().nullable(),
  structureId: z.string().nullable(),
  totpEnabled: z.boolean(),
  /** True when the reader outranks this account and may act on it (separation of duties). */
  manageable: z.boolean(),
  /** The roles the reader may give this account (empty when none: see domain/duties.ts). */
  roleChoices: z.array(z.object({ role: RoleName, label: z.string() })),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
});
export const ChangeRoleBody = z.object({ role: RoleName.describe('Le nouveau rôle du compte') });
export const CreateUserBody = z.object({
  email: z.string().trim().min(3).max(254),
  displayName: z.string().trim().min(1).max(120),
  role: RoleName,
  organisationId: Id.nullable().optional(),
  structureId: Id.nullable().optional(),
});
export const UserParams = z.object({ id: Id });

/** The link itself goes to the person's own e-mail address; the requester only sees where. */
export const PasswordLink = z.object({
  sentTo: z.string(),
  expiresAt: z.string(),
});
export const PasswordLinkParams = z.object({ token: z.string().min(10).max(200) });
export const SetPasswordBody = z.object({ password: z.string().min(1).max(200) });

export const TotpEnrolment = z.object({ secret: z.string(), otpauthUrl: z.string(), qrCodeDataUrl: z.string() });
export const TotpConfirmBody = z.object({ code: z.string().trim().min(1).max(12) });
export const TotpConfirmed = z.object({ recoveryCodes: z.array(z.string()) });

export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  structureId: z.string().nullable(),
  organisationId: z.string().nullable(),
  createdBy: z.string(),
  createdByName: z.string().nullable().describe('Nom de la personne responsable du jeton'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().describe('Date après laquelle le jeton est refusé (401)'),
  expired: z.boolean(),
});
export const CreatedApiToken = ApiToken.extend({ token: z.string() });
export const CreateApiTokenBody = z.object({
  name: z.string().trim().min(1).max(80),
  structureId: Id.nullable().optional(),
  organisationId: Id.nullable().optional(),
  validityDays: z.number().int().nullable().optional().describe('Durée de validité en jours (1 à 730, un an par défaut)'),
});
export const ApiTokenParams = z.object({ id: Id });

export const SecurityLogQuery = z.object({
  action: z.string().trim().min(1).max(60).optional().describe('Une seule action, par exemple login.failed'),
  limit: z.coerce.number().int().min(1).max(500).optional().describe('Nombre de lignes (200 par défaut, 500 au plus)'),
});
export const SecurityLogLine = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string().describe('login.failed, login.succeeded, logout, person.read, sepa.downloaded, statement.downloaded, export.downloaded…'),
  actionLabel: z.string().describe('L’action en français, pour l’écran'),
  actorKind: z.string().describe('user, token ou anonymous (connexion refusée pour une adresse e-mail sans compte)'),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  targetType: z.string().nullable(),
  targetLabel: z.string().nullable().describe('Le genre de l’objet en français'),
  targetId: z.string().nullable(),
  status: z.number().int(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.string()),
  detailText: z.string().nullable().describe('Les précisions en français : avec ProConnect, motif du refus, format'),
});

export const OrganisationKind = z.enum(ORGANISATION_KINDS);
export const Organisation = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  name: z.string(),
  communeInsee: z.string(),
  communeName: z.string().nullable(),
  siret: z.string().nullable(),
  createdAt: z.string(),
  agents: z.number().int().describe('Agents dont le compte est actif'),
});
export const OrganisationParams = z.object({ id: z.string().min(1).max(64) });
export const MairiesCreated = z.object({
  created: z.array(z.string()).describe('Les mairies créées'),
  alreadyThere: z.number().int().describe('Communes qui avaient déjà leur mairie'),
});
export const CreateOrganisationBody = z.object({
  kind: OrganisationKind,
  name: z.string().trim().min(1).max(150),
  communeInsee: InseeCode,
  siret: z.string().trim().max(20).nullable().default(null),
});
