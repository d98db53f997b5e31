/* global process, console */
// Builds the web application (web/dist) after `npm install` / `npm ci`, so that `npm start`
// serves it at once. Skipped quietly when vite is not installed (e.g. `npm ci --omit=dev`):
// `npm start` then builds it on first start if it can, or serves the API alone.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const configFile = path.join(rootDir, 'web', 'vite.config.ts');

if (process.env.PASSNUM_SKIP_WEB_BUILD === 'true' || !existsSync(configFile)) process.exit(0);

let vite;
try {
  vite = await import('vite');
} catch {
  process.exit(0);
}
try {
  await vite.build({ configFile, logLevel: 'warn' });
  console.log('passnum : application web construite dans web/dist.');
} catch (error) {
  console.error('passnum : la construction de l’application web a échoué :', error?.message ?? error);
  process.exit(1);
}
