import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { createDeps, openDatabase } from '../composition.ts';
import { BackupError, newBackupKey, openBackup, readBackupKey, restoreBackup, type BackupManifest } from '../db/backup.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { migrations } from '../db/migrations/index.ts';
import { backupSource, takeBackup } from '../jobs/backup.ts';
import { verifyAudit } from '../usecases/administration/verify-audit.ts';

function describeManifest(m: BackupManifest): string {
  const rows = Object.values(m.rowCounts).reduce((a, b) => a + b, 0);
  return [
    `  prise le         : ${m.takenAt} (passnum ${m.appVersion}, ${m.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`,
    `  schéma           : ${m.schemaVersion}`,
    `  lignes           : ${rows} dans ${Object.keys(m.rowCounts).length} tables (tickets : ${m.rowCounts.tickets ?? 0}, utilisations : ${m.rowCounts.redemptions ?? 0})`,
    `  journal d’audit  : ${m.audit.lastSeq} entrées chaînées`,
    `  données          : ${m.payload.bytes} octets, SHA-256 ${m.payload.sha256}${m.encryption ? ', chiffrées (AES-256-GCM)' : ', non chiffrées'}`,
  ].join('\n');
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Sauvegarde la base en service (copie cohérente à chaud) avec son manifeste ; chiffrée si une clé est donnée')
    .option('--to <dir>', 'dossier de destination (défaut : PASSNUM_BACKUP_DIR, sinon ./backups)')
    .option('--key-file <file>', 'clé de chiffrement (défaut : PASSNUM_BACKUP_KEY_FILE)')
    .action(async (o: { to?: string; keyFile?: string }) => {
      const config = loadConfig();
      const dir = path.resolve(o.to ?? config.backupDir ?? 'backups');
      const { file, manifest } = await takeBackup(config, { dir, keyFile: o.keyFile ?? config.backupKeyFile });
      console.log(`Sauvegarde écrite : ${file}\n${describeManifest(manifest)}`);
    });

  program
    .command('backup:verify')
    .argument('<file>', 'fichier de sauvegarde (.pnbak)')
    .description('Vérifie une sauvegarde (intégrité, empreinte) sans la restaurer')
    .action(async (file: string) => {
      const { manifest } = await openBackup(path.resolve(file));
      console.log(`Sauvegarde intacte : ${path.resolve(file)}\n${describeManifest(manifest)}`);
    });

  program
    .command('backup:key')
    .argument('<file>', 'fichier à créer (hors du dossier de données et des sauvegardes)')
    .description('Crée une clé de chiffrement des sauvegardes (à conserver à part : sans elle, pas de restauration)')
    .action(async (file: string) => {
      const config = loadConfig();
      const target = path.resolve(file);
      if (existsSync(target)) throw new BackupError(`${target} existe déjà : une clé n’est jamais écrasée (les sauvegardes chiffrées avec elle deviendraient illisibles).`, 'key_exists');
      await writeFile(target, `${newBackupKey()}\n`, { mode: 0o600, flag: 'wx' });
      await readBackupKey(target, [config.dataDir, ...(config.backupDir ? [config.backupDir] : [])]);
      console.log(`Clé créée : ${target} (droits 600). Gardez-en une copie hors de ce serveur.`);
    });

  program
    .command('restore')
    .argument('<file>', 'fichier de sauvegarde (.pnbak)')
    .option('--key-file <file>', 'clé de chiffrement (défaut : PASSNUM_BACKUP_KEY_FILE)')
    .description('Restaure une sauvegarde dans un dossier de données vide ou une base neuve, met le schéma à jour et vérifie le journal d’audit')
    .action(async (file: string, o: { keyFile?: string }) => {
      const config = loadConfig();
      const keyFile = o.keyFile ?? config.backupKeyFile;
      const key = keyFile ? await readBackupKey(keyFile, [config.dataDir]) : undefined;
      const manifest = await restoreBackup(path.resolve(file), backupSource(config), { key, knownSchemaVersions: Object.keys(migrations) });
      console.log(`Sauvegarde restaurée : ${path.resolve(file)}\n${describeManifest(manifest)}`);
      const handle = openDatabase(config);
      try {
        const applied = await migrateToLatest(handle);
        if (applied.length) console.log(`Schéma mis à jour : ${applied.join(', ')}`);
        const audit = await verifyAudit(createDeps(config, handle));
        if (audit.ok) console.log(`Journal d’audit intact : ${audit.entries} entrées vérifiées.`);
        else {
          console.error(`Journal d’audit ALTÉRÉ : ${audit.problem} (après ${audit.entries} entrées valides).`);
          process.exitCode = 2;
        }
      } finally {
        await handle.close();
      }
    });
}
