// A support structure's profile, sites and bank details, checked before they are stored. The
// fields follow the national schema of digital-mediation places (docs/ecosystem.md §1).
import OpeningHours from 'opening_hours';
import { electronicFormatIBAN, isValidBIC, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { checkLegalCategory } from './payment-mode.ts';
import { checkEpcName, checkSepaAccount } from './sepa.ts';
import { invalid } from './errors.ts';
import { openingHoursSentence } from './opening-hours.ts';
import { STRUCTURE_ENUMS, type StructureEnumField } from './mediation-enums.ts';
import { isValidSiret } from './siret.ts';

export type StructureEnums = Record<StructureEnumField, string[]>;

export interface StructureProfile extends StructureEnums {
  siret: string;
  name: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  presentation: string | null;
  /** INSEE catégorie juridique (4 digits), for the mandats file; null while unknown. */
  legalCategory?: string | null;
}

// Same pattern as the national schema's `telephone` field (E.164, France and overseas).
const PHONE = /^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)\d{6,9}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "03 21 00 00 00" or "0321000000" → "+33321000000"; anything else is returned as typed. */
export function normalisePhone(phone: string): string {
  const compact = phone.replace(/[\s.\-()]/g, '');
  return /^0\d{9}$/.test(compact) ? `+33${compact.slice(1)}` : compact;
}

export function checkPhone(field: string, phone: string | null): string | null {
  if (phone === null || phone.trim() === '') return null;
  const normalised = normalisePhone(phone);
  if (!PHONE.test(normalised)) {
    throw invalid(field, 'Le numéro de téléphone n’est pas valide : 10 chiffres (03 21 …) ou format international (+33 3 21 …).');
  }
  return normalised;
}

export function checkSiret(siret: string): string {
  const compact = siret.replace(/\s/g, '');
  if (!/^\d{14}$/.test(compact)) throw invalid('siret', 'Le SIRET doit comporter exactement 14 chiffres.');
  if (!isValidSiret(compact)) throw invalid('siret', 'Ce numéro SIRET n’existe pas (la clé de contrôle est fausse). Vérifiez-le sur l’avis de situation INSEE.');
  return compact;
}

/**
 * Checks and normalises a structure's profile (SIRET, contacts, schema enumerations). On an edit
 * that keeps the SIRET, `keepSiret` skips re-checking the number already on file.
 */
export function validateStructureProfile(p: StructureProfile, opts: { keepSiret?: boolean } = {}): StructureProfile {
  const name = p.name.trim();
  if (name.length < 3 || name.length > 150) throw invalid('name', 'Le nom de la structure doit comporter entre 3 et 150 caractères.');
  const email = p.email?.trim() ? p.email.trim().toLowerCase() : null;
  if (email && !EMAIL.test(email)) throw invalid('email', 'L’adresse e-mail de la structure n’est pas valide.');
  const website = p.website?.trim() ? p.website.trim() : null;
  if (website && !/^https?:\/\/[^\s.]+\.[^\s]+$/.test(website)) {
    throw invalid('website', 'L’adresse du site web doit commencer par https:// (ou http://).');
  }
  const presentation = p.presentation?.trim() ? p.presentation.trim() : null;
  if (presentation && presentation.length > 2000) throw invalid('presentation', 'La présentation ne doit pas dépasser 2 000 caractères.');
  const enums = {} as StructureEnums;
  for (const field of Object.keys(STRUCTURE_ENUMS) as StructureEnumField[]) {
    const { values, label } = STRUCTURE_ENUMS[field];
    const chosen = [...new Set(p[field])];
    const wrong = chosen.find((v) => !(values as readonly string[]).includes(v));
    if (wrong !== undefined) throw invalid(field, `« ${wrong} » n’est pas une valeur admise pour le champ ${label}.`);
    enums[field] = chosen;
  }
  if (enums.typology.length === 0) throw invalid('typology', 'Indiquez la typologie de la structure (par exemple EPN, BIB, ASSO).');
  if (enums.services.length === 0) throw invalid('services', 'Indiquez au moins un service proposé par la structure.');
  return {
    siret: opts.keepSiret ? p.siret : checkSiret(p.siret), name, email, phone: checkPhone('phone', p.phone), website, presentation,
    legalCategory: checkLegalCategory(p.legalCategory), ...enums,
  };
}

/** Opening hours in OpenStreetMap syntax, checked with the `opening_hours` library (French messages). */
export function checkOpeningHours(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  try {
    new OpeningHours(trimmed, null, { locale: 'fr' } as never);
  } catch (error) {
    const detail = String(error instanceof Error ? error.message : error).trim();
    throw invalid('openingHours', `Les horaires ne sont pas au format OpenStreetMap (exemple : « Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00 ») : ${detail}`);
  }
  return trimmed;
}

/** Opening hours in French sentences (domain/opening-hours.ts). */
export function frenchOpeningHours(value: string | null): string | null {
  return openingHoursSentence(value);
}

export interface SiteInput {
  name: string;
  address: string;
  communeInsee: string;
  postalCode: string;
  openingHours: string | null;
  phone: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** Checks a site; `communePostalCodes` are the postal codes of its commune (from the territory). */
export function validateSite(s: SiteInput, communePostalCodes: string[] | null): SiteInput {
  const name = s.name.trim();
  if (name.length < 2 || name.length > 150) throw invalid('name', 'Le nom du lieu doit comporter entre 2 et 150 caractères.');
  const address = s.address.trim();
  if (address.length < 5 || address.length > 200) throw invalid('address', 'L’adresse du lieu doit comporter entre 5 et 200 caractères (numéro et voie).');
  if (!communePostalCodes) throw invalid('communeInsee', `La commune ${s.communeInsee} ne fait pas partie du territoire.`);
  const postalCode = s.postalCode.trim();
  if (!/^\d{5}$/.test(postalCode)) throw invalid('postalCode', 'Le code postal doit comporter 5 chiffres.');
  if (communePostalCodes.length > 0 && !communePostalCodes.includes(postalCode)) {
    throw invalid('postalCode', `Le code postal ${postalCode} ne correspond pas à la commune choisie (${communePostalCodes.join(', ')}).`);
  }
  if (s.latitude !== null && (s.latitude < -90 || s.latitude > 90)) throw invalid('latitude', 'La latitude doit être comprise entre -90 et 90.');
  if (s.longitude !== null && (s.longitude < -180 || s.longitude > 180)) throw invalid('longitude', 'La longitude doit être comprise entre -180 et 180.');
  return { ...s, name, address, postalCode, openingHours: checkOpeningHours(s.openingHours), phone: checkPhone('phone', s.phone) };
}

const IBAN_MESSAGES: Partial<Record<ValidationErrorsIBAN, string>> = {
  [ValidationErrorsIBAN.NoIBANProvided]: 'Saisissez l’IBAN du compte.',
  [ValidationErrorsIBAN.NoIBANCountry]: 'L’IBAN doit commencer par le code du pays (FR pour la France).',
  [ValidationErrorsIBAN.WrongBBANLength]: 'L’IBAN n’a pas le bon nombre de caractères (27 pour un compte français).',
  [ValidationErrorsIBAN.WrongBBANFormat]: 'L’IBAN contient des caractères inattendus.',
  [ValidationErrorsIBAN.ChecksumNotNumber]: 'Les deux chiffres de contrôle de l’IBAN (après FR) doivent être des chiffres.',
  [ValidationErrorsIBAN.WrongIBANChecksum]: 'L’IBAN est erroné (la clé de contrôle ne correspond pas) : vérifiez-le sur votre RIB.',
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]: 'L’IBAN est erroné (la clé RIB ne correspond pas) : vérifiez-le sur votre RIB.',
};

export interface BankDetails { iban: string; bic: string | null; accountHolder: string }

/** IBAN and BIC checked with ibantools; returned in electronic format (no spaces, upper case). */
export function validateBankDetails(b: BankDetails): BankDetails {
  const iban = electronicFormatIBAN(b.iban) ?? '';
  const result = validateIBAN(iban);
  if (!result.valid) throw invalid('iban', IBAN_MESSAGES[result.errorCodes[0]] ?? 'L’IBAN n’est pas valide.');
  const bic = b.bic?.trim() ? b.bic.replace(/\s/g, '').toUpperCase() : null;
  if (bic && !isValidBIC(bic)) throw invalid('bic', 'Le BIC n’est pas valide (8 ou 11 caractères, par exemple AGRIFRPP).');
  const accountHolder = b.accountHolder.trim();
  if (accountHolder.length < 2 || accountHolder.length > 140) throw invalid('accountHolder', 'Indiquez le titulaire du compte (2 à 140 caractères).');
  checkSepaAccount(iban, bic);
  checkEpcName('accountHolder', accountHolder);
  return { iban, bic, accountHolder };
}
