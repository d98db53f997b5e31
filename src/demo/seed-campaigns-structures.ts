import type { Actor } from '../domain/actor.ts';
import { yearlyCampaignDates, type CampaignSettings } from '../domain/campaign.ts';
import type { ServiceValue } from '../domain/mediation-enums.ts';
import { parisDate } from '../domain/paris-time.ts';
import type { SiteInput, StructureProfile } from '../domain/structure.ts';
import { listCommunes } from '../repositories/territories.ts';
import { closeCampaign, openCampaign } from '../usecases/administration/change-campaign-status.ts';
import { createCampaign } from '../usecases/administration/create-campaign.ts';
import { createStructure } from '../usecases/administration/create-structure.ts';
import { createUser } from '../usecases/administration/create-user.ts';
import { applyForAccreditation, decideAccreditation } from '../usecases/administration/manage-accreditations.ts';
import { renderDemoRibPdf } from '../exports/rib-pdf.ts';
import { setBankDetails } from '../usecases/reimbursement/bank-details.ts';
import { setImputation } from '../usecases/reimbursement/payment-settings.ts';
import { listStructureSites } from '../usecases/administration/manage-sites.ts';
import type { Deps } from '../usecases/support/deps.ts';
import type { DemoContext } from './seed-foundation.ts';

const ELIGIBLE_SERVICES: ServiceValue[] = [
  'Maîtrise des outils numériques du quotidien',
  'Aide aux démarches administratives',
  'Utilisation sécurisée du numérique',
  'Insertion professionnelle via le numérique',
  'Parentalité et éducation avec le numérique',
  'Compréhension du monde numérique',
];

interface DemoStructure {
  profile: Omit<StructureProfile, 'email' | 'website' | 'presentation' | 'publics' | 'specificSupport' | 'nationalProgrammes'> &
    Partial<StructureProfile>;
  sites: Omit<SiteInput, 'latitude' | 'longitude'>[];
  iban: string;
  bic: string;
  accreditedForCurrent: boolean;
}

// Fictitious SIRETs (valid Luhn key) and IBANs (valid RIB and IBAN keys): demo data only.
const STRUCTURES: DemoStructure[] = [
  {
    profile: {
      siret: '81234567800013', name: 'Médiathèque Robert Cousin (démo)', typology: ['BIB'], legalCategory: '7210', phone: '+33321000101',
      email: 'mediatheque.demo@passnum.fr', website: 'https://mediatheque-lens.demo.passnum.fr',
      presentation: 'Ateliers numériques du mardi au samedi, accompagnement individuel sur rendez-vous.',
      services: ['Maîtrise des outils numériques du quotidien', 'Aide aux démarches administratives', 'Accès internet et matériel informatique', 'Loisirs et créations numériques'],
      publics: ['Seniors', 'Familles et/ou enfants'], fees: ['Gratuit sous condition'], accessModes: ['Se présenter', 'Téléphoner'],
      supportModes: ['Accompagnement individuel', 'Dans un atelier collectif', 'En autonomie'], nationalProgrammes: ['Conseillers numériques'],
    },
    sites: [{ name: 'Médiathèque Robert Cousin', address: '12 rue Victor Hugo', communeInsee: '62498', postalCode: '62300', openingHours: 'Tu-Sa 10:00-12:30,14:00-18:00', phone: '+33321000101' }],
    iban: 'FR7616275001000800123456788', bic: 'CEPAFRPP627', accreditedForCurrent: true,
  },
  {
    profile: {
      siret: '79845123600011', name: 'EPN de Liévin (démo)', typology: ['EPN'], legalCategory: '7210', phone: '+33321000202', email: 'epn.lievin.demo@passnum.fr',
      services: ['Maîtrise des outils numériques du quotidien', 'Aide aux démarches administratives', 'Insertion professionnelle via le numérique', 'Utilisation sécurisée du numérique'],
      fees: ['Gratuit sous condition'], accessModes: ['Se présenter', 'Téléphoner', 'Contacter par mail'],
      supportModes: ['Accompagnement individuel', 'Dans un atelier collectif'], publics: ['Jeunes', 'Seniors'], nationalProgrammes: ['Conseillers numériques', 'Aidants Connect'],
    },
    sites: [
      { name: 'EPN — centre-ville', address: '4 place Gambetta', communeInsee: '62510', postalCode: '62800', openingHours: 'Mo-Fr 09:00-12:00,13:30-17:30', phone: '+33321000202' },
      { name: 'EPN — antenne de Calonne', address: '27 rue de la Fosse 3', communeInsee: '62510', postalCode: '62800', openingHours: 'We 14:00-18:00; Sa 09:00-12:00', phone: '+33321000203' },
    ],
    iban: 'FR7630004028370001045678997', bic: 'BNPAFRPP', accreditedForCurrent: true,
  },
  {
    profile: {
      siret: '84219753100010', name: 'Fablab de Loos-en-Gohelle (démo)', typology: ['FABLAB', 'TIERS_LIEUX'], legalCategory: '9220', phone: '+33321000303',
      website: 'https://fablab-loos.demo.passnum.fr',
      services: ['Loisirs et créations numériques', 'Compréhension du monde numérique', 'Maîtrise des outils numériques du quotidien'],
      fees: ['Gratuit sous condition'], accessModes: ['Se présenter', 'Prendre un RDV en ligne'], supportModes: ['Dans un atelier collectif', 'En autonomie'],
      publics: ['Jeunes', 'Étudiants'],
    },
    sites: [{ name: 'Fablab de la Base 11/19', address: 'Rue de Bourgogne', communeInsee: '62528', postalCode: '62750', openingHours: 'We-Fr 14:00-19:00; Sa 10:00-17:00', phone: '+33321000303' }],
    iban: 'FR7620041010050501234567810', bic: 'PSSTFRPPLIL', accreditedForCurrent: true,
  },
  {
    profile: {
      siret: '77508642000012', name: 'Centre social d’Avion (démo)', typology: ['CS'], legalCategory: '9220', phone: '+33321000404',
      services: ['Aide aux démarches administratives', 'Parentalité et éducation avec le numérique', 'Maîtrise des outils numériques du quotidien'],
      fees: ['Gratuit'], accessModes: ['Se présenter', 'Téléphoner'], supportModes: ['Accompagnement individuel', 'Dans un atelier collectif'],
      publics: ['Familles et/ou enfants', 'Femmes'], specificSupport: ['Illettrisme'],
    },
    sites: [{ name: 'Centre social de la République', address: '8 avenue de la République', communeInsee: '62065', postalCode: '62210', openingHours: 'Mo-Fr 08:30-12:00,13:30-17:00', phone: '+33321000404' }],
    iban: 'FR7610278026000002034567881', bic: 'CMCIFR2A', accreditedForCurrent: true,
  },
  {
    profile: {
      siret: '88963214700019', name: 'Espace numérique de Bully-les-Mines (démo)', typology: ['EPN', 'MUNI'], legalCategory: '7210', phone: '+33321000505',
      services: ['Maîtrise des outils numériques du quotidien', 'Utilisation sécurisée du numérique', 'Accès internet et matériel informatique'],
      fees: ['Gratuit sous condition'], accessModes: ['Se présenter'], supportModes: ['Accompagnement individuel', 'En autonomie'], publics: ['Seniors'],
    },
    sites: [{ name: 'Espace numérique', address: '15 rue Jean Jaurès', communeInsee: '62186', postalCode: '62160', openingHours: 'Mo,Tu,Th,Fr 09:00-12:00,14:00-17:00; We 09:00-12:00', phone: '+33321000505' }],
    iban: 'FR7615629026440003045678956', bic: 'CMCIFR2A', accreditedForCurrent: true,
  },
  {
    profile: {
      siret: '75315985200015', name: 'Association Connect’Harnes (démo)', typology: ['ASSO'], legalCategory: '9220', phone: '+33321000606', email: 'connect.harnes.demo@passnum.fr',
      services: ['Maîtrise des outils numériques du quotidien', 'Acquisition de matériel informatique à prix solidaire', 'Accès internet et matériel informatique'],
      fees: ['Payant', 'Gratuit sous condition'], accessModes: ['Téléphoner', 'Contacter par mail'], supportModes: ['Dans un atelier collectif'],
      publics: ['Jeunes', 'Seniors'],
    },
    sites: [{ name: 'Local associatif', address: '3 rue des Fusillés', communeInsee: '62413', postalCode: '62440', openingHours: 'Tu,Th 14:00-18:00; Sa 09:30-12:30', phone: '+33321000606' }],
    iban: 'FR7642559100000800345678921', bic: 'CCOPFRPP', accreditedForCurrent: false,
  },
];

/**
 * Places of the national data that do procedures for people rather than train them (issue #18,
 * item 5): they take no ticket, so they are neither accredited nor paid. The EPN de Liévin above
 * also carries the Aidants Connect label.
 */
const HELPERS: { profile: StructureProfile; sites: DemoStructure['sites'] }[] = [
  {
    profile: {
      siret: '90127436500013', name: 'France Services de Lens (démo)', typology: ['RFS'], phone: '+33321000707', email: null, website: null,
      presentation: 'Des agents formés font avec vous, ou pour vous, vos démarches CAF, France Travail, Assurance maladie, impôts, retraite, papiers.',
      services: ['Aide aux démarches administratives'], publics: [], specificSupport: ['Langues étrangères (anglais)', 'Illettrisme', 'Surdité'],
      fees: ['Gratuit'], accessModes: ['Se présenter', 'Téléphoner', 'Prendre un RDV en ligne'], supportModes: ['Accompagnement individuel'],
      nationalProgrammes: ['France Services', 'Aidants Connect'],
    },
    sites: [{ name: 'France Services — Grand Place', address: '2 rue Émile Zola', communeInsee: '62498', postalCode: '62300', openingHours: 'Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00', phone: '+33321000707' }],
  },
];

/** Demo stage: campaigns 2021/2022/current with quotas, demo structures with sites and accreditations, structure users (issue #2). */
export async function seedCampaignsAndStructures(deps: Deps, ctx: DemoContext): Promise<void> {
  const admin: Actor = {
    kind: 'user', id: ctx.users.admin, role: 'admin', territoryId: ctx.territoryId, organisationId: null, structureId: null, label: 'admin@demo.passnum.fr',
  };
  const currentYear = Number(parisDate(deps.now()).slice(0, 4));
  // The CALL shares its weighted part by a social criterion (e.g. population living in QPV); the
  // demo has no such figure per commune, so it uses the commune's population as a stand-in.
  const weights = Object.fromEntries((await listCommunes(deps.db, ctx.territoryId)).map((c) => [c.inseeCode, c.population]));
  const campaign = (year: number, ticketsPerBooklet: number): CampaignSettings & { weights: Record<string, number> } => ({
    name: `Pass numérique ${year}`,
    year,
    ticketsPerBooklet,
    faceValueCents: 1000,
    ...yearlyCampaignDates(year),
    budgetCents: 1000 * ticketsPerBooklet * 1000, // 1,000 booklets (360 fixed + 640 weighted)
    eligibleServices: ELIGIBLE_SERVICES,
    diagnosticThreshold: 'intermediaire',
    allowReplacement: true,
    quotaFixed: 10,
    quotaWeightedTotal: 640,
    weights,
  });
  const c2021 = await createCampaign(deps, admin, campaign(2021, 10));
  const c2022 = await createCampaign(deps, admin, campaign(2022, 5));
  const current = await createCampaign(deps, admin, campaign(currentYear, 5));
  for (const c of [c2021, c2022, current]) {
    await openCampaign(deps, admin, c.id);
    // Demo imputation of the mandats (the territory pays through its comptable public by default).
    await setImputation(deps, admin, c.id, { budgetYear: c.year, nature: '6574', fonction: '312' });
  }

  ctx.structures = [];
  for (const s of STRUCTURES) {
    const created = await createStructure(deps, admin, {
      email: null, website: null, presentation: null, publics: [], specificSupport: [], nationalProgrammes: [],
      ...s.profile,
      sites: s.sites.map((site) => ({ ...site, latitude: null, longitude: null })),
    });
    // Entered by the structure's own manager with the bank's RIB (only they may), verified later by finance.
    const manager = {
      kind: 'user', id: `demo:${created.id}`, role: 'structure_manager', territoryId: ctx.territoryId, organisationId: null, structureId: created.id,
      label: `Responsable de ${created.name}`,
    } as const;
    const holder = s.profile.name.replace(' (démo)', '');
    const rib = await renderDemoRibPdf({ holder, iban: s.iban, bic: s.bic, bankName: 'Banque de démonstration' });
    await setBankDetails(deps, manager, created.id, {
      iban: s.iban, bic: s.bic, accountHolder: holder, rib: { filename: 'rib.pdf', contentBase64: rib.toString('base64') },
    });
    for (const c of [c2021, c2022, current]) {
      await applyForAccreditation(deps, admin, created.id, c.id);
      if (c.id !== current.id || s.accreditedForCurrent) {
        await decideAccreditation(deps, admin, created.id, c.id, { status: 'accredited', reason: 'Critères d’habilitation publiés remplis (démo).' });
      }
    }
    const [site] = await listStructureSites(deps, admin, created.id);
    ctx.structures.push({ id: created.id, siteId: site.id, name: created.name, communeInsee: site.communeInsee, accreditedForCurrent: s.accreditedForCurrent });
  }
  for (const h of HELPERS) {
    await createStructure(deps, admin, { ...h.profile, sites: h.sites.map((site) => ({ ...site, latitude: null, longitude: null })) });
  }
  await closeCampaign(deps, admin, c2021.id, 'Fin de la campagne 2021 (démo).');
  await closeCampaign(deps, admin, c2022.id, 'Fin de la campagne 2022 (démo).');
  ctx.campaigns = { c2021: c2021.id, c2022: c2022.id, current: current.id };

  const password = deps.config.demoPassword;
  const first = ctx.structures[0];
  const notAccredited = ctx.structures.find((s) => !s.accreditedForCurrent)!;
  const staff = async (key: string, email: string, displayName: string, role: 'structure_manager' | 'mediator', structureId: string) => {
    ctx.users[key] = (await createUser(deps, null, { territoryId: ctx.territoryId, email, displayName, role, structureId, password })).id;
  };
  await staff('manager', 'gestionnaire@demo.passnum.fr', 'Gaëlle Gestionnaire (démo)', 'structure_manager', first.id);
  await staff('mediator', 'mediateur@demo.passnum.fr', 'Medhi Médiateur (démo)', 'mediator', first.id);
  await staff('mediatorNotAccredited', 'mediateur.nonhabilite@demo.passnum.fr', 'Nora Médiatrice (démo)', 'mediator', notAccredited.id);
}
