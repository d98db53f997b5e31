import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { sqlitePath, type Config } from '../config.ts';
import { backupTakenAt, createBackup, readBackupKey, type BackupResult, type BackupSource } from '../db/backup.ts';
import { backupsToDelete } from '../domain/backup-retention.ts';
import { VERSION } from '../http/version.ts';
import type { Deps } from '../usecases/support/deps.ts';

export function backupSource(config: Config): BackupSource {
  return config.databaseUrl && /^postgres(ql)?:\/\//.test(config.databaseUrl)
    ? { dialect: 'postgresql', databaseUrl: config.databaseUrl }
    : { dialect: 'sqlite', sqlitePath: sqlitePath(config) };
}

/** One backup of the configured database into `dir`, encrypted when a key file is given. */
export async function takeBackup(config: Config, opts: { dir: string; keyFile?: string; now?: () => Date }): Promise<BackupResult> {
  const key = opts.keyFile ? await readBackupKey(opts.keyFile, [config.dataDir, opts.dir]) : undefined;
  return createBackup(backupSource(config), { dir: opts.dir, key, appVersion: VERSION, now: opts.now });
}

/** Deletes the backups of `dir` that the retention (7 daily, 4 weekly, 12 monthly) does not keep. */
export async function pruneBackups(dir: string): Promise<string[]> {
  const files = (await readdir(dir)).flatMap((name) => {
    const takenAt = backupTakenAt(name);
    return takenAt ? [{ name, takenAt }] : [];
  });
  const doomed = backupsToDelete(files);
  for (const f of doomed) await rm(path.join(dir, f.name), { force: true });
  return doomed.map((f) => f.name);
}

/** The daily job: a backup into PASSNUM_BACKUP_DIR, then the retention. */
export async function backupJob(deps: Deps): Promise<Record<string, unknown>> {
  const { config } = deps;
  if (!config.backupDir) return { skipped: 'PASSNUM_BACKUP_DIR non défini : pas de sauvegarde quotidienne' };
  const { file, manifest } = await takeBackup(config, { dir: config.backupDir, keyFile: config.backupKeyFile, now: deps.now });
  const deleted = await pruneBackups(config.backupDir);
  return { file: path.basename(file), bytes: manifest.payload.bytes, encrypted: !!manifest.encryption, deleted: deleted.length };
}
