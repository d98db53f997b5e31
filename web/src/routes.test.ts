import { describe, expect, it } from 'vitest';
import { matchPath } from './app/router.tsx';
import { allows, findRoute, menuFor, ROUTES } from './routes.ts';

// The route table is how screens are added (one file + one line): these checks catch a line that
// points to a missing file, a path that another line hides, or a menu entry nobody can open.

describe('route table', () => {
  it('has unique paths, each reachable by its own pattern', () => {
    const paths = ROUTES.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const r of ROUTES) {
      const sample = r.path.replace(/:(\w+)/g, 'x1');
      expect(findRoute(sample, matchPath)?.route.path, r.path).toBe(r.path);
    }
  });

  it('loads every page module, each with a default export', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(new URL('./routes.ts', import.meta.url), 'utf8');
    const files = [...source.matchAll(/import\('(\.\/pages\/[^']+)'\)/g)].map((m) => m[1]);
    expect(files.length).toBe(ROUTES.length);
    for (const file of files) {
      const mod = (await import(/* @vite-ignore */ new URL(file, import.meta.url).href)) as { default?: unknown };
      expect(typeof mod.default, file).toBe('function');
    }
  }, 60_000);

  it('matches parameters and refuses other lengths', () => {
    expect(matchPath('/mot-de-passe/:token', '/mot-de-passe/abc%2Fdef')).toEqual({ token: 'abc/def' });
    expect(matchPath('/agent/beneficiaires', '/agent/beneficiaires/')).toEqual({});
    expect(matchPath('/agent/beneficiaires', '/agent')).toBeNull();
  });

  it('shows residents only public screens and each role only the screens it may open', () => {
    expect(menuFor(null).every((r) => r.access === 'public')).toBe(true);
    for (const role of ['admin', 'finance', 'agent', 'structure_manager', 'mediator', 'auditor'] as const) {
      for (const r of menuFor(role)) expect(allows(r.access, role), `${role} ${r.path}`).toBe(true);
    }
    expect(menuFor('agent').map((r) => r.menu!.label)).toEqual(expect.arrayContaining(['Nouvel accueil', 'Mes bénéficiaires']));
    expect(allows(['agent'], 'mediator')).toBe(false);
    expect(allows('signed-in', null)).toBe(false);
  });
});
