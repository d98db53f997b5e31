// The enumerations of the national schema of digital-mediation places (schéma des lieux de
// médiation numérique), taken from @gouvfr-anct/lieux-de-mediation-numerique rather than typed by
// hand (docs/product.md "Data from the ecosystem"). Stored in the database joined with `|`, as the
// schema's CSV does.
import {
  DispositifProgrammeNational,
  Frais,
  ModaliteAcces,
  ModaliteAccompagnement,
  PriseEnChargeSpecifique,
  PublicSpecifiquementAdresse,
  Service,
  Typologie,
} from '@gouvfr-anct/lieux-de-mediation-numerique';

export const SERVICES = Object.values(Service) as Service[];
export type ServiceValue = `${Service}`;
export const PUBLICS = Object.values(PublicSpecifiquementAdresse) as string[];
export const SPECIFIC_SUPPORTS = Object.values(PriseEnChargeSpecifique) as string[];
export const FEES = Object.values(Frais) as string[];
export const NATIONAL_PROGRAMMES = Object.values(DispositifProgrammeNational) as string[];
export const ACCESS_MODES = Object.values(ModaliteAcces) as string[];
export const SUPPORT_MODES = Object.values(ModaliteAccompagnement) as string[];
export const TYPOLOGIES = Object.values(Typologie) as string[];

/** Every multi-valued field of a structure and its allowed values, with the French field name. */
export const STRUCTURE_ENUMS = {
  typology: { values: TYPOLOGIES, label: 'typologie' },
  services: { values: SERVICES as string[], label: 'services' },
  publics: { values: PUBLICS, label: 'publics spécifiquement adressés' },
  specificSupport: { values: SPECIFIC_SUPPORTS, label: 'prise en charge spécifique' },
  fees: { values: FEES, label: 'frais à charge' },
  nationalProgrammes: { values: NATIONAL_PROGRAMMES, label: 'dispositifs et programmes nationaux' },
  accessModes: { values: ACCESS_MODES, label: 'modalités d’accès' },
  supportModes: { values: SUPPORT_MODES, label: 'modalités d’accompagnement' },
} as const;
export type StructureEnumField = keyof typeof STRUCTURE_ENUMS;

/** `a|b` ↔ ['a', 'b'] (the schema's multi-value separator is the pipe). */
export function joinValues(values: readonly string[]): string {
  return values.join('|');
}
export function splitValues(joined: string | null | undefined): string[] {
  return joined ? joined.split('|').filter(Boolean) : [];
}
