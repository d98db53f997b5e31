import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { createDeps, openDatabase } from '../composition.ts';
import { describeDatabaseError } from '../db/database-errors.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Deps } from '../usecases/support/deps.ts';
import { startServer } from './start.ts';
import { registerAdminCommands } from './admin-commands.ts';
import { registerJobsCommands } from './jobs-commands.ts';
import { registerBackupCommands } from './backup-commands.ts';
import { registerBenchCommands } from './bench-commands.ts';
import { registerFollowupCommands } from './followup-commands.ts';

/** Opens the configured database, migrates it, runs `fn`, closes. */
export async function withDeps<T>(fn: (deps: Deps) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const handle = openDatabase(config);
  try {
    await migrateToLatest(handle);
    return await fn(createDeps(config, handle));
  } finally {
    await handle.close();
  }
}

const program = new Command('passnum')
  .description('passnum — pass numérique : commandes d’exploitation')
  .showHelpAfterError();

program
  .command('start')
  .description('Migre la base, installe la démo au premier lancement (hors production) et sert l’application')
  .option('--no-demo', 'ne pas installer les données de démonstration')
  .action(async (opts: { demo: boolean }) => {
    await startServer({ demo: opts.demo });
  });

program
  .command('migrate')
  .description('Met la base de données au dernier schéma')
  .action(async () => {
    const config = loadConfig();
    const handle = openDatabase(config);
    const applied = await migrateToLatest(handle);
    await handle.close();
    console.log(applied.length ? `Migrations appliquées : ${applied.join(', ')}` : 'La base est déjà à jour.');
  });

registerAdminCommands(program);
registerJobsCommands(program);
registerBackupCommands(program);
registerBenchCommands(program);
registerFollowupCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  const e = error as { messageFr?: string; message?: string };
  console.error(`Erreur : ${describeDatabaseError(error)?.messageFr ?? e.messageFr ?? e.message ?? String(error)}`);
  process.exit(1);
});
