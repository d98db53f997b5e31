import { invalid } from './errors.ts';
import { isValidSiret } from './siret.ts';

/** Where agents work: a town hall, a CCAS, a France Services… (docs/product.md "Actors and roles"). */
export const ORGANISATION_KINDS = ['mairie', 'ccas', 'france_services', 'autre'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  mairie: 'Mairie',
  ccas: 'CCAS',
  france_services: 'France Services',
  autre: 'Autre',
};

export interface OrganisationInput { kind: OrganisationKind; name: string; communeInsee: string; siret: string | null }

export function validateOrganisation(o: OrganisationInput): OrganisationInput {
  if (!ORGANISATION_KINDS.includes(o.kind)) throw invalid('kind', 'Le type d’organisation doit être : mairie, ccas, france_services ou autre.');
  const name = o.name.trim();
  if (name.length < 3 || name.length > 150) throw invalid('name', 'Le nom de l’organisation doit comporter entre 3 et 150 caractères.');
  const siret = o.siret?.replace(/\s/g, '') || null;
  if (siret && !isValidSiret(siret)) throw invalid('siret', 'Ce numéro SIRET n’est pas valide (14 chiffres et clé de contrôle).');
  return { ...o, name, siret };
}

/** "Mairie de Lens", "Mairie d’Avion", "Mairie du Touquet", "Mairie des Attaques". */
export function mairieName(communeName: string): string {
  if (/^Le /.test(communeName)) return `Mairie du ${communeName.slice(3)}`;
  if (/^Les /.test(communeName)) return `Mairie des ${communeName.slice(4)}`;
  if (/^[AEIOUYÉÈÊÀÂÎÔH]/i.test(communeName)) return `Mairie d’${communeName}`;
  return `Mairie de ${communeName}`;
}
