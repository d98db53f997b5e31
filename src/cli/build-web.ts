import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_CONFIG = path.join(ROOT, 'web', 'vite.config.ts');
export const WEB_INDEX = path.join(ROOT, 'web', 'dist', 'index.html');

/**
 * Builds the web application when web/dist is missing (a clone installed with
 * PASSNUM_SKIP_WEB_BUILD, or whose postinstall was skipped), so `npm start` serves it at `/`.
 * Without vite (production install without devDependencies) the API is served alone.
 */
export async function ensureWebBuilt(log: (line: string) => void = console.log): Promise<boolean> {
  if (existsSync(WEB_INDEX)) return true;
  if (!existsSync(WEB_CONFIG)) return false;
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    log('Application web absente (web/dist) et vite non installé : seule l’API est servie.');
    return false;
  }
  log('Construction de l’application web (première fois)…');
  await vite.build({ configFile: WEB_CONFIG, logLevel: 'warn' });
  return existsSync(WEB_INDEX);
}
