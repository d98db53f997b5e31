/* global process, console */
// The native modules passnum needs, loaded once before anything else: when one was not built (its
// install script blocked by npm's allowScripts, or built for another Node.js), the operator reads
// which one and how to build it, instead of a stack trace from deep inside the server.
// Also runnable alone: `node bin/check-native.js`.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

const MODULES = [
  {
    name: 'better-sqlite3',
    load: () => {
      const Database = require('better-sqlite3');
      new Database(':memory:').close(); // the binding is loaded by the first connection
    },
  },
  { name: 'argon2', load: () => require('argon2') },
];

/** One French message per native module that does not load (empty when all do). */
export function missingNativeModules() {
  const problems = [];
  for (const m of MODULES) {
    try {
      m.load();
    } catch (error) {
      const detail = String(error?.message ?? error).split('\n')[0];
      const cause = /NODE_MODULE_VERSION|compiled against a different/i.test(detail)
        ? `construit pour une autre version de Node.js (${process.version} ici)`
        : /Cannot find module '[^']*'/.test(detail) && !/bindings|\.node/.test(detail)
          ? 'absent (npm install n’a pas été lancé ?)'
          : 'non construit (son script d’installation a été bloqué ou a échoué)';
      problems.push(
        `Module natif manquant : ${m.name} est ${cause}.\n` +
          `  Construisez-le : npm rebuild ${m.name}   (il faut python3, make et un compilateur C++ quand aucun binaire précompilé ne convient)\n` +
          `  Son script d’installation doit être autorisé : package.json, champ allowScripts (npm install-scripts ls).\n` +
          `  Détail : ${detail}`,
      );
    }
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problems = missingNativeModules();
  for (const p of problems) console.error(p);
  if (problems.length) process.exit(1);
  console.log('Modules natifs : better-sqlite3 et argon2 se chargent.');
}
