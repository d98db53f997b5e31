// The route table. Adding a screen = one file under pages/<area>/ (default export taking
// PageProps) plus one line here. `menu` lists the screen in the navigation of the roles in
// `access` and as a big link on their home page ("Accueil").
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from './api/client.ts';

export interface PageProps {
  params: Record<string, string>;
}

export type Access = 'public' | 'signed-in' | readonly Role[];

export interface AppRoute {
  path: string;
  page: LazyExoticComponent<ComponentType<PageProps>>;
  access: Access;
  menu?: { label: string; description: string };
  /** Reachable by a session that must still enrol its second factor (TOTP); others redirect to enrolment. */
  pending?: boolean;
}

const page = (load: () => Promise<{ default: ComponentType<PageProps> }>) => lazy(load);

export const ROUTES: AppRoute[] = [
  { path: '/', page: page(() => import('./pages/home/Home.tsx')), access: 'public' },
  // Public pages for residents (no sign-in).
  { path: '/ou-utiliser-mon-pass', page: page(() => import('./pages/public/Places.tsx')), access: 'public', pending: true, menu: { label: 'Où utiliser mon pass\u00a0?', description: 'Les lieux qui acceptent le pass, leurs adresses, téléphones et horaires.' } },
  { path: '/verifier-mon-pass', page: page(() => import('./pages/public/TicketCheck.tsx')), access: 'public', pending: true, menu: { label: 'Vérifier mon pass', description: 'Savoir si un ticket est encore utilisable, et jusqu’à quand.' } },
  { path: '/accessibilite', page: page(() => import('./pages/public/Accessibility.tsx')), access: 'public', pending: true },
  { path: '/donnees-personnelles', page: page(() => import('./pages/public/Privacy.tsx')), access: 'public', pending: true },
  { path: '/integrateurs', page: page(() => import('./pages/public/Integrators.tsx')), access: 'public', pending: true },
  // Account.
  { path: '/connexion', page: page(() => import('./pages/auth/Login.tsx')), access: 'public', pending: true },
  { path: '/connexion/proconnect/refus', page: page(() => import('./pages/auth/ProConnectRefusal.tsx')), access: 'public', pending: true },
  { path: '/deconnexion', page: page(() => import('./pages/auth/Logout.tsx')), access: 'public', pending: true },
  { path: '/compte/securite', page: page(() => import('./pages/auth/Security.tsx')), access: 'signed-in', pending: true },
  { path: '/mot-de-passe/:token', page: page(() => import('./pages/auth/SetPassword.tsx')), access: 'public', pending: true },
  // Agent (prescripteur).
  { path: '/agent/nouvel-accueil', page: page(() => import('./pages/agent/NewIntake.tsx')), access: ['agent'], menu: { label: 'Nouvel accueil', description: 'Recevoir une personne : diagnostic, éligibilité, orientation et remise du carnet.' } },
  { path: '/agent/beneficiaires/:id', page: page(() => import('./pages/agent/Person.tsx')), access: ['agent'] },
  // The follow-up diagnostic: the person's agent, or the structure that trained them (issue #18).
  { path: '/suivi/:id', page: page(() => import('./pages/followup/Followup.tsx')), access: ['agent', 'mediator', 'structure_manager'] },
  { path: '/agent/beneficiaires', page: page(() => import('./pages/agent/Beneficiaries.tsx')), access: ['agent'], menu: { label: 'Mes bénéficiaires', description: 'Les personnes reçues par votre organisation, leurs carnets et les tickets non utilisés.' } },
  // Mediator (and the structure's manager, who may redeem too).
  { path: '/mediateur/scanner', page: page(() => import('./pages/mediator/Scan.tsx')), access: ['mediator', 'structure_manager'], menu: { label: 'Scanner un pass', description: 'Vérifier et valider les tickets d’un carnet, annuler une erreur, voir les utilisations du jour.' } },
  // Structure manager.
  { path: '/structure/remboursements', page: page(() => import('./pages/structure/Claims.tsx')), access: ['structure_manager'], menu: { label: 'Remboursements', description: 'Ce qui est dû, approuvé et payé ; vérifier et transmettre les demandes mensuelles.' } },
  { path: '/structure/remboursements/:id', page: page(() => import('./pages/structure/ClaimDetail.tsx')), access: ['structure_manager'] },
  { path: '/structure/utilisations', page: page(() => import('./pages/structure/History.tsx')), access: ['structure_manager'], menu: { label: 'Historique des utilisations', description: 'Les tickets utilisés mois par mois, par lieu et par médiateur, et leur export pour tableur.' } },
  { path: '/structure/seances', page: page(() => import('./pages/structure/Sessions.tsx')), access: ['structure_manager'], menu: { label: 'Séances', description: 'Le calendrier des séances et leurs inscrits ; publier une séance.' } },
  { path: '/structure/profil', page: page(() => import('./pages/structure/Profile.tsx')), access: ['structure_manager'], menu: { label: 'Ma structure', description: 'Le profil public, les services proposés et les habilitations.' } },
  { path: '/structure/lieux', page: page(() => import('./pages/structure/Sites.tsx')), access: ['structure_manager'], menu: { label: 'Lieux et horaires', description: 'Les adresses d’accueil et leurs horaires d’ouverture.' } },
  { path: '/structure/equipe', page: page(() => import('./pages/structure/Team.tsx')), access: ['structure_manager'], menu: { label: 'Équipe et accès', description: 'Les comptes des médiateurs, leurs mots de passe, les jetons d’accès à l’API.' } },
  { path: '/structure/banque', page: page(() => import('./pages/structure/Bank.tsx')), access: ['structure_manager'], menu: { label: 'Coordonnées bancaires', description: 'Le compte de remboursement et son état de vérification.' } },
  // Programme admin.
  { path: '/admin/campagnes', page: page(() => import('./pages/admin/Campaigns.tsx')), access: ['admin'], menu: { label: 'Campagnes', description: 'Créer, régler, ouvrir et clore les campagnes ; quotas de carnets par commune.' } },
  { path: '/admin/campagnes/nouvelle', page: page(() => import('./pages/admin/NewCampaign.tsx')), access: ['admin'] },
  { path: '/admin/campagnes/:id', page: page(() => import('./pages/admin/CampaignDetail.tsx')), access: ['admin'] },
  { path: '/admin/structures', page: page(() => import('./pages/admin/Structures.tsx')), access: ['admin'], menu: { label: 'Structures', description: 'Les structures d’accompagnement et les décisions d’habilitation.' } },
  { path: '/admin/organisations', page: page(() => import('./pages/admin/Organisations.tsx')), access: ['admin'], menu: { label: 'Organisations', description: 'Les mairies, CCAS, France Services et associations qui remettent les carnets, et leurs agents.' } },
  { path: '/admin/organisations/:id', page: page(() => import('./pages/admin/OrganisationDetail.tsx')), access: ['admin'] },
  { path: '/admin/structures/nouvelle', page: page(() => import('./pages/admin/NewStructure.tsx')), access: ['admin'] },
  { path: '/admin/structures/:id', page: page(() => import('./pages/admin/StructureDetail.tsx')), access: ['admin'] },
  { path: '/admin/programme', page: page(() => import('./pages/admin/Programme.tsx')), access: ['admin'], menu: { label: 'Le programme', description: 'Le contact d’aide imprimé sur les carnets et le logo des pages publiques.' } },
  { path: '/admin/messages', page: page(() => import('./pages/admin/Outbox.tsx')), access: ['admin'], menu: { label: 'Messages', description: 'Les rappels et les liens de mot de passe envoyés, en attente ou abandonnés ; les courriers à imprimer.' } },
  { path: '/admin/donnees-ouvertes', page: page(() => import('./pages/admin/OpenData.tsx')), access: ['admin'], menu: { label: 'Données ouvertes', description: 'Importer des lieux au schéma national ; les fichiers publics des lieux et des statistiques.' } },
  { path: '/admin/comptes', page: page(() => import('./pages/admin/Users.tsx')), access: ['admin'], menu: { label: 'Comptes', description: 'Créer les comptes et leur envoyer un lien pour choisir leur mot de passe.' } },
  { path: '/demandes-rgpd', page: page(() => import('./pages/admin/PersonalDataRequests.tsx')), access: ['admin', 'agent'], menu: { label: 'Demandes RGPD', description: 'Les demandes d’accès, de rectification, d’effacement ou d’opposition des personnes, et leur date limite de réponse.' } },
  { path: '/admin/stock', page: page(() => import('./pages/admin/Stock.tsx')), access: ['admin'], menu: { label: 'Lots et stock', description: 'Carnets pré-imprimés : lots pour l’imprimeur, stock par commune.' } },
  { path: '/admin/journal', page: page(() => import('./pages/admin/AuditLog.tsx')), access: ['admin', 'auditor'], menu: { label: 'Journal d’audit', description: 'Qui a fait quoi, quand, sur quel objet ; vérifier que le journal n’a pas été modifié.' } },
  { path: '/admin/securite', page: page(() => import('./pages/admin/SecurityLog.tsx')), access: ['admin'], menu: { label: 'Journal de sécurité', description: 'Les connexions réussies et refusées, les dossiers consultés et les fichiers sensibles téléchargés.' } },
  { path: '/admin/blocage', page: page(() => import('./pages/admin/Blocking.tsx')), access: ['admin'], menu: { label: 'Blocage', description: 'Bloquer ou débloquer un ticket ou un carnet en cas de fraude.' } },
  // Finance.
  { path: '/finance/demandes', page: page(() => import('./pages/finance/Claims.tsx')), access: ['finance'], menu: { label: 'Demandes à examiner', description: 'Approuver les demandes de remboursement, rejeter des lignes avec un motif.' } },
  { path: '/finance/demandes/:id', page: page(() => import('./pages/finance/ClaimReview.tsx')), access: ['finance'] },
  { path: '/finance/paiements', page: page(() => import('./pages/finance/Payments.tsx')), access: ['finance'], menu: { label: 'Paiements', description: 'Ordres de paiement, bordereaux, fichier comptable et virements SEPA.' } },
  { path: '/finance/paiements/:id', page: page(() => import('./pages/finance/PaymentOrder.tsx')), access: ['finance'] },
  { path: '/finance/coordonnees-bancaires', page: page(() => import('./pages/finance/BankChecks.tsx')), access: ['finance'], menu: { label: 'RIB à vérifier', description: 'Vérifier les coordonnées bancaires des structures avant tout paiement.' } },
  { path: '/finance/grand-livre', page: page(() => import('./pages/finance/LedgerPage.tsx')), access: ['finance', 'admin', 'auditor'], menu: { label: 'Grand livre', description: 'Utilisé, demandé, approuvé, payé et rejeté, par structure et par campagne.' } },
  // Dashboards (each role sees its own scope: territory, organisation or structure).
  { path: '/tableaux-de-bord', page: page(() => import('./pages/dashboards/Dashboards.tsx')), access: ['admin', 'finance', 'auditor', 'agent', 'structure_manager'], menu: { label: 'Tableaux de bord', description: 'Carnets remis et utilisés, personnes formées, argent ; exports pour tableur.' } },
  { path: '/personnes-a-appeler', page: page(() => import('./pages/dashboards/CallList.tsx')), access: ['admin', 'agent'], menu: { label: 'Personnes à appeler', description: 'Les tickets non utilisés qui expirent bientôt, avec le contact de la personne.' } },
];

/** The route matching a path, with its params. */
export function findRoute(pathname: string, match: (pattern: string, path: string) => Record<string, string> | null) {
  for (const route of ROUTES) {
    const params = match(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

export function allows(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  return access === 'signed-in' || access.includes(role);
}

/** The screens listed for a role (signed in) or for residents (null). */
export function menuFor(role: Role | null): AppRoute[] {
  return ROUTES.filter((r) => r.menu && (role === null ? r.access === 'public' : r.access !== 'public' && allows(r.access, role)));
}
