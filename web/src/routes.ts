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
  // Account.
  { path: '/connexion', page: page(() => import('./pages/auth/Login.tsx')), access: 'public', pending: true },
  { path: '/deconnexion', page: page(() => import('./pages/auth/Logout.tsx')), access: 'public', pending: true },
  { path: '/compte/securite', page: page(() => import('./pages/auth/Security.tsx')), access: 'signed-in', pending: true },
  // Agent (prescripteur).
  { path: '/agent/nouvel-accueil', page: page(() => import('./pages/agent/NewIntake.tsx')), access: ['agent'], menu: { label: 'Nouvel accueil', description: 'Recevoir une personne : diagnostic, éligibilité, orientation et remise du carnet.' } },
  { path: '/agent/beneficiaires', page: page(() => import('./pages/agent/Beneficiaries.tsx')), access: ['agent'], menu: { label: 'Mes bénéficiaires', description: 'Les personnes reçues par votre organisation, leurs carnets et les tickets non utilisés.' } },
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
