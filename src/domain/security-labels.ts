/**
 * What the security log's screen shows for each line: French words, never the codes the lines
 * carry. An action added later without its label shows as « Autre action », never as its code.
 */
export const SECURITY_ACTION_LABELS: Record<string, string> = {
  'login.succeeded': 'Connexion réussie',
  'login.failed': 'Connexion refusée',
  logout: 'Déconnexion',
  'person.search': 'Recherche de personnes',
  'person.read': 'Dossier d’une personne consulté',
  'person.opt_outs.read': 'Liste des refus de rappels consultée',
  'person.followup.read': 'Suivi d’une personne consulté',
  'person.personal_data.read': 'Données personnelles consultées',
  'person.personal_data.downloaded': 'Copie des données personnelles téléchargée',
  'sepa.downloaded': 'Fichier de virements SEPA téléchargé',
  'mandats.downloaded': 'Fichier des mandats téléchargé',
  'statement.downloaded': 'Bordereau téléchargé',
  'accounting.downloaded': 'Écritures comptables téléchargées',
  'export.downloaded': 'Export de données téléchargé',
  'final_report.downloaded': 'Bilan de campagne téléchargé',
  'dashboard_report.downloaded': 'Rapport des tableaux de bord téléchargé',
  'letters.downloaded': 'Courriers à imprimer téléchargés',
};

const TARGET_LABELS: Record<string, string> = {
  beneficiary: 'Personne',
  payment_order: 'Ordre de paiement',
  dataset: 'Export',
  campaign: 'Campagne',
};

/** Why a sign-in was refused, in the words of the screen. */
const REASON_LABELS: Record<string, string> = {
  refused: 'mot de passe ou code faux',
  unknown_account: 'adresse sans compte',
  flow_expired: 'connexion trop ancienne ou commencée ailleurs',
  state_mismatch: 'réponse qui ne correspond pas à la demande',
  provider_error: 'erreur de ProConnect',
  token_invalid: 'jeton d’identité refusé',
  claims_missing: 'identité incomplète',
  unknown_person: 'personne sans compte',
  siret_mismatch: 'établissement différent de celui du compte',
  linked_elsewhere: 'compte déjà lié à une autre identité',
  account_disabled: 'compte désactivé',
  mfa_required: 'double authentification exigée',
};

export const securityActionLabel = (action: string) => SECURITY_ACTION_LABELS[action] ?? 'Autre action';
export const securityTargetLabel = (type: string | null) => (type ? (TARGET_LABELS[type] ?? 'Objet') : null);

/** The line's particulars in a few words: through ProConnect, why refused, which format. */
export function securityDetailText(detail: Record<string, string>): string | null {
  const parts: string[] = [];
  if (detail.via === 'proconnect') parts.push('avec ProConnect');
  if (detail.reason) parts.push(REASON_LABELS[detail.reason] ?? 'autre motif');
  if (detail.format) parts.push(`format ${detail.format.toUpperCase()}`);
  return parts.length ? parts.join(', ') : null;
}
