// The closed list of themes a redemption records (issue #4, item 9), aligned on the thématiques of
// La Coop de la médiation numérique (ANCT) so that redemptions can be reported in the national
// vocabulary: the identifiers are the Coop's enum values, the labels its French labels.
// "mediation" = thématiques de médiation numérique, "demarches" = sous-thématiques des démarches
// administratives (service-public.gouv.fr families).

export type ThemeGroup = 'mediation' | 'demarches';
export interface Theme { id: string; label: string; group: ThemeGroup }

export const THEMES = [
  { id: 'DiagnosticNumerique', label: 'Diagnostic numérique', group: 'mediation' },
  { id: 'PrendreEnMainDuMateriel', label: 'Prendre en main du matériel', group: 'mediation' },
  { id: 'MaintenanceDeMateriel', label: 'Maintenance de matériel', group: 'mediation' },
  { id: 'GereSesContenusNumeriques', label: 'Gérer ses contenus numériques', group: 'mediation' },
  { id: 'NavigationSurInternet', label: 'Navigation sur internet', group: 'mediation' },
  { id: 'Email', label: 'E-mail', group: 'mediation' },
  { id: 'Bureautique', label: 'Bureautique', group: 'mediation' },
  { id: 'ReseauxSociaux', label: 'Réseaux sociaux communication', group: 'mediation' },
  { id: 'Sante', label: 'Santé', group: 'mediation' },
  { id: 'BanqueEtAchatsEnLigne', label: 'Banque et achats en ligne', group: 'mediation' },
  { id: 'Entrepreneuriat', label: 'Accompagner un professionnel', group: 'mediation' },
  { id: 'InsertionProfessionnelle', label: 'Insertion professionnelle', group: 'mediation' },
  { id: 'SecuriteNumerique', label: 'Prévention en sécurité numérique', group: 'mediation' },
  { id: 'Parentalite', label: 'Parentalité', group: 'mediation' },
  { id: 'ScolariteEtNumerique', label: 'Scolarité et numérique', group: 'mediation' },
  { id: 'CreerAvecLeNumerique', label: 'Créer avec le numérique', group: 'mediation' },
  { id: 'CultureNumerique', label: 'Culture numérique', group: 'mediation' },
  { id: 'IntelligenceArtificielle', label: 'Intelligence artificielle (IA)', group: 'mediation' },
  { id: 'AideAuxDemarchesAdministratives', label: 'Aide aux démarches administratives', group: 'mediation' },
  { id: 'PapiersElectionsCitoyennete', label: 'Papiers - Élections - Citoyenneté', group: 'demarches' },
  { id: 'FamilleScolarite', label: 'Famille - Scolarité', group: 'demarches' },
  { id: 'SocialSante', label: 'Social - Santé', group: 'demarches' },
  { id: 'TravailFormation', label: 'Travail - Formation - Entreprise', group: 'demarches' },
  { id: 'Logement', label: 'Logement', group: 'demarches' },
  { id: 'TransportsMobilite', label: 'Transports - Mobilité', group: 'demarches' },
  { id: 'ArgentImpots', label: 'Argent - Impôts', group: 'demarches' },
  { id: 'Justice', label: 'Justice', group: 'demarches' },
  { id: 'EtrangersEurope', label: 'Étrangers - Europe', group: 'demarches' },
  { id: 'LoisirsSportsCulture', label: 'Loisirs - Sports - Culture', group: 'demarches' },
  { id: 'Associations', label: 'Associations', group: 'demarches' },
] as const satisfies readonly Theme[];

export type ThemeId = (typeof THEMES)[number]['id'];
export const THEME_IDS = THEMES.map((t) => t.id) as [ThemeId, ...ThemeId[]];

export const THEME_GROUP_LABELS: Record<ThemeGroup, string> = {
  mediation: 'Thématiques de médiation numérique',
  demarches: 'Démarches administratives',
};

const BY_ID = new Map<string, Theme>(THEMES.map((t) => [t.id, t]));

export function isThemeId(id: string): id is ThemeId {
  return BY_ID.has(id);
}

export function themeLabel(id: string): string {
  return BY_ID.get(id)?.label ?? id;
}

/** Formats of a delivered service, as the Coop's activity types. */
export const SERVICE_FORMATS = ['individuel', 'collectif'] as const;
export type ServiceFormat = (typeof SERVICE_FORMATS)[number];
export const SERVICE_FORMAT_LABELS: Record<ServiceFormat, string> = {
  individuel: 'Accompagnement individuel',
  collectif: 'Atelier collectif',
};

/**
 * The themes a structure usually records, most frequent first (ties in the list's order), from the
 * theme lists of its latest redemptions; completed with the first themes of the list for a new
 * structure, so that the mediator's short list is never empty.
 */
export function usualThemes(recent: readonly (readonly string[])[], count = 6): ThemeId[] {
  const tally = new Map<ThemeId, number>();
  for (const list of recent) for (const id of new Set(list)) if (isThemeId(id)) tally.set(id, (tally.get(id) ?? 0) + 1);
  const order = new Map<string, number>(THEMES.map((t, i) => [t.id, i]));
  const ranked = [...tally.entries()].sort((a, b) => b[1] - a[1] || order.get(a[0])! - order.get(b[0])!).map(([id]) => id);
  for (const t of THEMES) {
    if (ranked.length >= count) break;
    if (t.group === 'mediation' && !ranked.includes(t.id)) ranked.push(t.id);
  }
  return ranked.slice(0, count);
}
