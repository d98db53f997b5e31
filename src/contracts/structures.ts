import { z } from 'zod';
import { ACCESS_MODES, FEES, NATIONAL_PROGRAMMES, PUBLICS, SERVICES, SPECIFIC_SUPPORTS, SUPPORT_MODES, TYPOLOGIES } from '../domain/mediation-enums.ts';
import { LEGAL_CATEGORY_MESSAGE } from '../domain/payment-mode.ts';
import { Id, InseeCode } from './common.ts';

const oneOf = (values: readonly string[]) => z.array(z.enum(values as [string, ...string[]])).max(values.length);

/** INSEE catégorie juridique of the avis de situation SIRENE (4 digits; '' clears it). */
const LegalCategory = z.string().trim().regex(/^([1-9]\d{3})?$/, LEGAL_CATEGORY_MESSAGE).describe('catégorie juridique INSEE, 4 chiffres (ex. 9220)');

/** Multi-valued fields use the enumerations of the national schema of digital-mediation places. */
export const StructureProfileBody = z.object({
  siret: z.string().trim().min(1).max(20),
  name: z.string().trim().min(1).max(150),
  typology: oneOf(TYPOLOGIES),
  legalCategory: LegalCategory.nullable().default(null),
  email: z.string().trim().max(254).nullable().default(null),
  phone: z.string().trim().max(30).nullable().default(null),
  website: z.string().trim().max(300).nullable().default(null),
  presentation: z.string().trim().max(2000).nullable().default(null),
  services: oneOf(SERVICES),
  publics: oneOf(PUBLICS).default([]),
  specificSupport: oneOf(SPECIFIC_SUPPORTS).default([]),
  fees: oneOf(FEES).default([]),
  nationalProgrammes: oneOf(NATIONAL_PROGRAMMES).default([]),
  accessModes: oneOf(ACCESS_MODES).default([]),
  supportModes: oneOf(SUPPORT_MODES).default([]),
});

export const SiteBody = z.object({
  name: z.string().trim().min(1).max(150),
  address: z.string().trim().min(1).max(200),
  communeInsee: InseeCode,
  postalCode: z.string().trim().max(10),
  openingHours: z.string().trim().max(500).nullable().default(null),
  phone: z.string().trim().max(30).nullable().default(null),
  latitude: z.number().nullable().default(null),
  longitude: z.number().nullable().default(null),
});
export const SitePatch = z.object({
  name: z.string().trim().min(1).max(150).optional(),
  address: z.string().trim().min(1).max(200).optional(),
  communeInsee: InseeCode.optional(),
  postalCode: z.string().trim().max(10).optional(),
  openingHours: z.string().trim().max(500).nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  latitude: z.number().nullable().optional(),
  longitude: z.number().nullable().optional(),
});

export const BankDetailsBody = z.object({
  iban: z.string().trim().min(1).max(50),
  bic: z.string().trim().max(15).nullable().default(null),
  accountHolder: z.string().trim().min(1).max(140),
});

/** New bank details from the structure's manager, with the bank's RIB (PDF, PNG or JPEG, 2 Mo at most). */
export const SetBankBody = BankDetailsBody.extend({
  rib: z.object({
    filename: z.string().trim().min(1).max(200),
    contentBase64: z.string().min(1).max(2_800_000).describe('le fichier du RIB en base64'),
  }),
});

export const CreateStructureBody = StructureProfileBody.extend({
  sites: z.array(SiteBody).max(50).default([]),
  bank: BankDetailsBody.nullable().default(null),
});
export const StructurePatch = z.object({
  siret: z.string().trim().min(1).max(20).optional(),
  name: z.string().trim().min(1).max(150).optional(),
  typology: oneOf(TYPOLOGIES).optional(),
  legalCategory: LegalCategory.nullable().optional(),
  email: z.string().trim().max(254).nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  website: z.string().trim().max(300).nullable().optional(),
  presentation: z.string().trim().max(2000).nullable().optional(),
  services: oneOf(SERVICES).optional(),
  publics: oneOf(PUBLICS).optional(),
  specificSupport: oneOf(SPECIFIC_SUPPORTS).optional(),
  fees: oneOf(FEES).optional(),
  nationalProgrammes: oneOf(NATIONAL_PROGRAMMES).optional(),
  accessModes: oneOf(ACCESS_MODES).optional(),
  supportModes: oneOf(SUPPORT_MODES).optional(),
});

export const Site = z.object({
  id: z.string(),
  structureId: z.string(),
  name: z.string(),
  address: z.string(),
  communeInsee: z.string(),
  communeName: z.string().nullable(),
  postalCode: z.string(),
  openingHours: z.string().nullable(),
  openingHoursText: z.string().nullable(),
  phone: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});

export const BankDetails = z.object({
  iban: z.string().nullable(),
  bic: z.string().nullable(),
  accountHolder: z.string().nullable(),
  status: z.enum(['none', 'pending', 'verified']),
  updatedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
});

export const Structure = z.object({
  id: z.string(),
  siret: z.string(),
  name: z.string(),
  typology: z.array(z.string()),
  legalCategory: z.string().nullable(),
  legalCategoryLabel: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  presentation: z.string().nullable(),
  services: z.array(z.string()),
  publics: z.array(z.string()),
  specificSupport: z.array(z.string()),
  fees: z.array(z.string()),
  nationalProgrammes: z.array(z.string()),
  accessModes: z.array(z.string()),
  supportModes: z.array(z.string()),
  /** Shown to admin, finance and the structure's manager; null for everyone else. */
  bank: BankDetails.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const StructureWithSites = Structure.extend({ sites: z.array(Site) });

export const AccreditationStatus = z.enum(['applied', 'accredited', 'suspended', 'withdrawn']);
export const Accreditation = z.object({
  campaignId: z.string(),
  campaignName: z.string().nullable(),
  campaignYear: z.number().nullable(),
  campaignStatus: z.string().nullable(),
  status: AccreditationStatus,
  appliedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  reason: z.string().nullable(),
});
export const StructureDetails = StructureWithSites.extend({
  accreditations: z.array(z.object({ campaignId: z.string(), campaignName: z.string(), status: AccreditationStatus })),
});

export const StructureParams = z.object({ id: Id });
export const SiteParams = z.object({ id: Id, siteId: Id });
export const AccreditationParams = z.object({ id: Id, campaignId: Id });
export const ApplyBody = z.object({ campaignId: Id });
export const DecisionBody = z.object({
  status: z.enum(['accredited', 'suspended', 'withdrawn']),
  reason: z.string().trim().max(1000).nullable().optional(),
});

/** Public "Où utiliser mon pass ?" listing. */
export const PublicPlacesQuery = z.object({
  commune: InseeCode.optional(),
  service: z.enum(SERVICES as [string, ...string[]]).optional(),
  territory: z.string().trim().max(10).optional(),
});
export const PublicPlace = z.object({
  structureId: z.string(),
  name: z.string(),
  typology: z.array(z.string()),
  services: z.array(z.string()),
  supportModes: z.array(z.string()),
  accessModes: z.array(z.string()),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  presentation: z.string().nullable(),
  campaigns: z.array(z.object({ id: z.string(), name: z.string(), validityEnd: z.string() })),
  sites: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      address: z.string(),
      postalCode: z.string(),
      communeInsee: z.string(),
      communeName: z.string().nullable(),
      phone: z.string().nullable(),
      openingHours: z.string().nullable(),
      openingHoursText: z.string().nullable(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
    }),
  ),
});

export const SiretParams = z.object({ siret: z.string().trim().min(1).max(30) });
export const SiretCheck = z.object({
  siret: z.string(),
  valid: z.boolean(),
  message: z.string(),
  existing: z.object({ id: z.string(), name: z.string() }).nullable(),
});
