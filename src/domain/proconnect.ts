import type { Role } from './actor.ts';

// Sign-in with ProConnect, the State's OpenID Connect federation for public agents and the
// professionals of digital mediation (docs/proconnect.md). The rules here decide, from what
// ProConnect asserts and what passnum knows, whether a person may open a session.

/** What passnum asks ProConnect for: the identity, the establishment (SIRET) and the service. */
export const PROCONNECT_SCOPES = 'openid email given_name usual_name siret uid organizational_unit';

/**
 * The `acr` values by which ProConnect certifies a second factor (its "double authentification"
 * guide): eIDAS substantial and high, and its own two-factor levels for declared or checked identities.
 */
export const MFA_ACR_VALUES = [
  'eidas2',
  'eidas3',
  'https://proconnect.gouv.fr/assurance/self-asserted-2fa',
  'https://proconnect.gouv.fr/assurance/consistency-checked-2fa',
] as const;

/**
 * The roles that move money or manage every account must prove a second factor. A ProConnect
 * sign-in for them must carry one of MFA_ACR_VALUES; the password sign-in asks TOTP instead.
 */
export const ROLES_REQUIRING_MFA: readonly Role[] = ['admin', 'finance'];

export function requiresMfa(role: Role): boolean {
  return ROLES_REQUIRING_MFA.includes(role);
}

export function isMfaAcr(acr: string | null): boolean {
  return acr !== null && (MFA_ACR_VALUES as readonly string[]).includes(acr);
}

/**
 * The `claims` request parameter: the `acr` in the ID token always (passnum checks it), and, when
 * a second factor is required, one of the two-factor levels as essential (ProConnect then asks for it).
 */
export function acrClaimsRequest(mfaRequired: boolean): string {
  return JSON.stringify({ id_token: { acr: mfaRequired ? { essential: true, values: [...MFA_ACR_VALUES] } : { essential: false } } });
}

/** A person as ProConnect describes them (ID token and signed userinfo, both verified). */
export interface ProConnectIdentity {
  sub: string;
  email: string;
  givenName: string;
  usualName: string;
  siret: string;
  uid: string | null;
  organizationalUnit: string | null;
  acr: string | null;
}

/** Reads the verified claims; null when a claim ProConnect always gives is missing or malformed. */
export function identityFromClaims(idToken: { sub: string; acr?: unknown }, userinfo: Record<string, unknown>): ProConnectIdentity | null {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const email = text(userinfo.email)?.toLowerCase() ?? null;
  const siret = text(userinfo.siret)?.replace(/\s/g, '') ?? null;
  if (!email || !siret || !/^\d{14}$/.test(siret)) return null;
  return {
    sub: idToken.sub,
    email,
    givenName: text(userinfo.given_name) ?? '',
    usualName: text(userinfo.usual_name) ?? '',
    siret,
    uid: text(userinfo.uid),
    organizationalUnit: text(userinfo.organizational_unit),
    acr: text(idToken.acr),
  };
}

/** A passnum account that might be this person, with what its establishment is known by. */
export interface AccountCandidate {
  userId: string;
  role: Role;
  disabled: boolean;
  /** The `sub` already linked to this account for this issuer, if any. */
  linkedSub: string | null;
  /** The SIRET of the account's organisation or structure (null when it has none recorded). */
  establishmentSiret: string | null;
  /** For territory staff (admin, finance, auditor): the territory's SIREN, which its establishments share. */
  territorySiren: string | null;
}

export type RefusalReason = 'unknown_person' | 'siret_mismatch' | 'linked_elsewhere' | 'account_disabled' | 'mfa_required';

export type SignInDecision =
  | { kind: 'sign-in'; userId: string; link: boolean }
  | { kind: 'step-up' }
  | { kind: 'refuse'; reason: RefusalReason; userId: string | null };

/** Whether the SIRET ProConnect gives is the account's establishment. */
export function siretMatches(account: AccountCandidate, siret: string): boolean {
  if (account.establishmentSiret) return account.establishmentSiret === siret;
  return account.territorySiren !== null && siret.startsWith(account.territorySiren);
}

/**
 * Linking rules: an account is found by its linked `sub`, or else by e-mail (an admin created it
 * for that address) if it is not linked to another identity; its establishment must have the SIRET
 * ProConnect gives, on every sign-in (someone who changed employer keeps no access). Nobody is
 * created here. Admin and finance need a two-factor `acr`: asked once more (step-up), then refused.
 */
export function decideSignIn(p: {
  identity: ProConnectIdentity;
  bySub: AccountCandidate | null;
  byEmail: AccountCandidate | null;
  mfaAlreadyRequested: boolean;
}): SignInDecision {
  const account = p.bySub ?? p.byEmail;
  if (!account) return { kind: 'refuse', reason: 'unknown_person', userId: null };
  if (account.disabled) return { kind: 'refuse', reason: 'account_disabled', userId: account.userId };
  if (!siretMatches(account, p.identity.siret)) return { kind: 'refuse', reason: 'siret_mismatch', userId: account.userId };
  if (!p.bySub && account.linkedSub !== null) return { kind: 'refuse', reason: 'linked_elsewhere', userId: account.userId };
  if (requiresMfa(account.role) && !isMfaAcr(p.identity.acr)) {
    return p.mfaAlreadyRequested ? { kind: 'refuse', reason: 'mfa_required', userId: account.userId } : { kind: 'step-up' };
  }
  return { kind: 'sign-in', userId: account.userId, link: !p.bySub };
}

/** "21620498200016" -> "216 204 982 00016", as a SIRET is usually written. */
export function formatSiret(siret: string): string {
  return /^\d{14}$/.test(siret) ? `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}` : siret;
}
