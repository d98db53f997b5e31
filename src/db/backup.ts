// Backups and restores of the whole database (issue 23, points 1 and 2).
//
// A backup is ONE file, `passnum-<instant>.pnbak`:
//   "PASSNUM-BACKUP 1\n"            magic and format version (16 bytes)
//   payload                          a SQLite database (online backup API) or a pg_dump archive
//                                    (custom format), encrypted with AES-256-GCM when a key is given
//   manifest (JSON, UTF-8)           time, versions, row counts, audit head, payload size and SHA-256
//   trailer (16 bytes)               the manifest's length (8 bytes, big-endian) + "PNBKEND\n"
// The manifest comes last so the file is written in one pass; a truncated file loses its trailer
// and is recognised as such. The SHA-256 covers the payload as stored: a tampered or damaged
// payload is refused before anything is restored.
import { spawn } from 'node:child_process';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import pg from 'pg';

const MAGIC = Buffer.from('PASSNUM-BACKUP 1\n'.padEnd(16, '\n').slice(0, 16));
const TRAILER_MAGIC = Buffer.from('PNBKEND\n');
const TRAILER_BYTES = 16;
const BOOKKEEPING = new Set(['kysely_migration', 'kysely_migration_lock']);

export interface BackupManifest {
  format: 1;
  /** When the copy's snapshot was taken (ISO instant). */
  takenAt: string;
  appVersion: string;
  dialect: 'sqlite' | 'postgresql';
  /** The last migration applied to the saved database. */
  schemaVersion: string;
  rowCounts: Record<string, number>;
  /** The audit chain's head at the snapshot: entries chained so far and the last hash. */
  audit: { lastSeq: number; lastHash: string };
  payload: { bytes: number; sha256: string };
  encryption: null | { algorithm: 'aes-256-gcm'; iv: string; tag: string };
}

/** A backup or restore that cannot go on, with what the operator must know, in French. */
export class BackupError extends Error {
  constructor(readonly messageFr: string, readonly code: string) {
    super(messageFr);
  }
}

export interface BackupSource {
  dialect: 'sqlite' | 'postgresql';
  sqlitePath?: string;
  databaseUrl?: string;
}

/** Reads a 32-byte key (64 hexadecimal characters) from a file kept apart from the data. */
export async function readBackupKey(keyFile: string, forbiddenDirs: string[]): Promise<Buffer> {
  const resolved = path.resolve(keyFile);
  for (const dir of forbiddenDirs) {
    const rel = path.relative(path.resolve(dir), resolved);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) {
      throw new BackupError(`La clé de chiffrement (${resolved}) ne doit pas se trouver dans ${path.resolve(dir)} : gardez-la hors du dossier de données et des sauvegardes (sinon qui a la copie a la clé).`, 'key_location');
    }
  }
  let text: string;
  try {
    text = (await readFile(resolved, 'utf8')).trim();
  } catch {
    throw new BackupError(`La clé de chiffrement est introuvable : ${resolved}.`, 'key_missing');
  }
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new BackupError(`La clé de chiffrement ${resolved} doit contenir 64 caractères hexadécimaux (passnum backup:key la crée).`, 'key_invalid');
  return Buffer.from(text, 'hex');
}

export function newBackupKey(): string {
  return randomBytes(32).toString('hex');
}

function backupFileName(takenAt: Date): string {
  return `passnum-${takenAt.toISOString().replace(/[:.]/g, '-')}.pnbak`;
}

/** The instant a backup was taken, from its file name (null for other files). */
export function backupTakenAt(fileName: string): Date | null {
  const m = /^passnum-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.pnbak$/.exec(fileName);
  return m ? new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : null;
}

function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT' || /disk is full|No space left/i.test((error as Error)?.message ?? '');
}

/** Runs a program to its end; a missing program becomes a French error naming it. */
function run(command: string, args: string[], what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(new BackupError(`${command} est introuvable dans le PATH : installez le client PostgreSQL (paquet postgresql-client, de la même version majeure que le serveur ou plus récente) pour ${what}.`, 'tool_missing'));
      } else reject(error);
    });
    child.on('exit', (code) => {
      if (code === 0) return resolve();
      const detail = stderr.trim().split('\n').slice(-3).join(' ');
      if (/No space left|could not write|disk full/i.test(detail)) {
        reject(new BackupError(`Le disque est plein : ${what} a échoué (${detail}).`, 'disk_full'));
      } else reject(new BackupError(`${command} a échoué (${what}) : ${detail || `code ${code}`}.`, 'tool_failed'));
    });
  });
}

interface Snapshot { schemaVersion: string; rowCounts: Record<string, number>; audit: { lastSeq: number; lastHash: string } }

/** Row counts, schema version and audit head of a SQLite file (the copy, once written). */
function describeSqlite(file: string): Snapshot {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[]).filter((t) => !BOOKKEEPING.has(t));
    const rowCounts: Record<string, number> = {};
    for (const t of tables) rowCounts[t] = db.prepare(`select count(*) from "${t}"`).pluck().get() as number;
    const schemaVersion = (db.prepare('select max(name) from kysely_migration').pluck().get() as string | null) ?? '';
    const head = db.prepare('select last_seq as lastSeq, last_hash as lastHash from audit_head where id = 1').get() as { lastSeq: number; lastHash: string } | undefined;
    return { schemaVersion, rowCounts, audit: head ?? { lastSeq: 0, lastHash: '' } };
  } finally {
    db.close();
  }
}

async function describePg(client: pg.Client): Promise<Snapshot> {
  const tables = (await client.query<{ t: string }>("select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1")).rows
    .map((r) => r.t)
    .filter((t) => !BOOKKEEPING.has(t));
  const rowCounts: Record<string, number> = {};
  for (const t of tables) rowCounts[t] = Number((await client.query<{ n: string }>(`select count(*) as n from "${t}"`)).rows[0].n);
  const schemaVersion = (await client.query<{ v: string | null }>('select max(name) as v from kysely_migration')).rows[0].v ?? '';
  const head = (await client.query<{ lastSeq: number; lastHash: string }>('select last_seq as "lastSeq", last_hash as "lastHash" from audit_head where id = 1')).rows[0];
  return { schemaVersion, rowCounts, audit: head ? { lastSeq: Number(head.lastSeq), lastHash: head.lastHash } : { lastSeq: 0, lastHash: '' } };
}

/** A consistent copy of the live database into `rawFile`, and what it holds. */
async function snapshotInto(source: BackupSource, rawFile: string): Promise<Snapshot> {
  if (source.dialect === 'sqlite') {
    if (!source.sqlitePath || !existsSync(source.sqlitePath)) throw new BackupError(`Aucune base SQLite à sauvegarder : ${source.sqlitePath ?? '(chemin absent)'} n’existe pas.`, 'no_database');
    const live = new SQLite(source.sqlitePath, { fileMustExist: true });
    try {
      live.pragma('busy_timeout = 10000');
      // SQLite's online backup: the remaining pages are copied in one step, inside one read
      // transaction, so the copy is the database at one instant even while the service writes
      // (WAL: writers are not blocked). A write from another connection between the first and
      // the last step makes SQLite start the copy over, never mix two states.
      await live.backup(rawFile, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
    } finally {
      live.close();
    }
    // The copy is in WAL mode like its source; opened and closed once, it has no -wal left.
    const copy = new SQLite(rawFile);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    return describeSqlite(rawFile);
  }
  if (!source.databaseUrl) throw new BackupError('DATABASE_URL est absent : aucune base PostgreSQL à sauvegarder.', 'no_database');
  // The counts and pg_dump read the same snapshot: exported by this transaction, held open while
  // pg_dump runs (pg_dump --snapshot).
  const client = new pg.Client({ connectionString: source.databaseUrl });
  client.on('error', () => undefined); // a dropped connection fails the queries below instead
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshotId = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0].id;
    const described = await describePg(client);
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshotId}`, `--file=${rawFile}`, `--dbname=${source.databaseUrl}`], 'la sauvegarde PostgreSQL');
    await client.query('commit');
    return described;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Counts the bytes and the SHA-256 of what passes through. */
function digestTap(): Transform & { digest(): { bytes: number; sha256: string } } {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  }) as Transform & { digest(): { bytes: number; sha256: string } };
  tap.digest = () => ({ bytes, sha256: hash.digest('hex') });
  return tap;
}

export interface BackupResult { file: string; manifest: BackupManifest }

/**
 * Takes a backup of the live database into `dir`. Nothing is left behind on failure (disk full,
 * pg_dump missing…): the file appears under its final name only once complete and synced.
 */
export async function createBackup(source: BackupSource, opts: { dir: string; key?: Buffer; appVersion: string; now?: () => Date }): Promise<BackupResult> {
  const dir = path.resolve(opts.dir);
  const takenAt = (opts.now ?? (() => new Date()))();
  const final = path.join(dir, backupFileName(takenAt));
  const partial = `${final}.partial`;
  const raw = path.join(dir, `.${path.basename(final)}.raw`);
  try {
    await mkdir(dir, { recursive: true });
    const snap = await snapshotInto(source, raw);
    const iv = randomBytes(12);
    const cipher = opts.key ? createCipheriv('aes-256-gcm', opts.key, iv) : null;
    const tap = digestTap();
    let manifest: BackupManifest | null = null;
    // Appends the manifest and the trailer once the payload has gone through (digest and GCM tag known).
    const appendManifest = new Transform({
      transform: (chunk, _enc, done) => done(null, chunk),
      flush(done) {
        manifest = {
          format: 1,
          takenAt: takenAt.toISOString(),
          appVersion: opts.appVersion,
          dialect: source.dialect,
          ...snap,
          payload: tap.digest(),
          encryption: cipher ? { algorithm: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') } : null,
        };
        const json = Buffer.from(JSON.stringify(manifest, null, 2));
        const trailer = Buffer.alloc(TRAILER_BYTES);
        trailer.writeBigUInt64BE(BigInt(json.length), 0);
        TRAILER_MAGIC.copy(trailer, 8);
        done(null, Buffer.concat([json, trailer]));
      },
    });
    const out = createWriteStream(partial, { flags: 'w' });
    out.write(MAGIC);
    const stages: (Readable | Transform)[] = [createReadStream(raw), ...(cipher ? [cipher] : []), tap, appendManifest];
    await pipeline([...stages, out]);
    const fh = await open(partial, 'r+');
    await fh.sync();
    await fh.close();
    await rename(partial, final);
    return { file: final, manifest: manifest! };
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof BackupError) throw error;
    if (isDiskFull(error)) throw new BackupError(`Le disque des sauvegardes est plein (${dir}) : la sauvegarde n’a pas été écrite ; la base n’a pas changé. Libérez de la place ou changez de destination.`, 'disk_full');
    throw error;
  } finally {
    await rm(raw, { force: true });
  }
}

export interface OpenedBackup { manifest: BackupManifest; payloadStart: number; payloadEnd: number }

/**
 * Reads a backup's manifest and checks the payload against it (size, SHA-256). Refuses, in
 * French, a file that is not a backup, is truncated or was altered.
 */
export async function openBackup(file: string): Promise<OpenedBackup> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new BackupError(`Fichier de sauvegarde introuvable : ${file}.`, 'not_found');
  }
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    await fh.read(head, 0, head.length, 0);
    if (!head.equals(MAGIC)) throw new BackupError(`${file} n’est pas une sauvegarde passnum (en-tête absent).`, 'not_a_backup');
    const trailer = Buffer.alloc(TRAILER_BYTES);
    if (size < MAGIC.length + TRAILER_BYTES) throw new BackupError(`La sauvegarde ${file} est tronquée (${size} octets) : elle est inutilisable.`, 'truncated');
    await fh.read(trailer, 0, TRAILER_BYTES, size - TRAILER_BYTES);
    if (!trailer.subarray(8).equals(TRAILER_MAGIC)) throw new BackupError(`La sauvegarde ${file} est tronquée (fin de fichier absente) : elle est inutilisable.`, 'truncated');
    const jsonLength = Number(trailer.readBigUInt64BE(0));
    const payloadEnd = size - TRAILER_BYTES - jsonLength;
    if (payloadEnd < MAGIC.length) throw new BackupError(`La sauvegarde ${file} est endommagée (manifeste illisible).`, 'tampered');
    const json = Buffer.alloc(jsonLength);
    await fh.read(json, 0, jsonLength, payloadEnd);
    let manifest: BackupManifest;
    try {
      manifest = JSON.parse(json.toString('utf8')) as BackupManifest;
    } catch {
      throw new BackupError(`La sauvegarde ${file} est endommagée (manifeste illisible).`, 'tampered');
    }
    if (manifest.format !== 1) throw new BackupError(`Format de sauvegarde inconnu (${String(manifest.format)}) : mettez passnum à jour.`, 'unknown_format');
    if (manifest.payload.bytes !== payloadEnd - MAGIC.length) {
      throw new BackupError(`La sauvegarde ${file} est tronquée ou altérée : ${payloadEnd - MAGIC.length} octets de données au lieu de ${manifest.payload.bytes}.`, 'truncated');
    }
    const tap = digestTap();
    const sink = new Writable({ write: (_chunk, _enc, done) => done() });
    await pipeline(createReadStream(file, { start: MAGIC.length, end: payloadEnd - 1 }), tap, sink);
    if (tap.digest().sha256 !== manifest.payload.sha256) throw new BackupError(`La sauvegarde ${file} a été altérée : son empreinte SHA-256 ne correspond pas à son manifeste. Ne la restaurez pas ; prenez la précédente.`, 'tampered');
    return { manifest, payloadStart: MAGIC.length, payloadEnd };
  } finally {
    await fh.close();
  }
}

/** Is the target empty (no application table)? */
async function targetTables(target: BackupSource): Promise<string[]> {
  if (target.dialect === 'sqlite') {
    if (!target.sqlitePath || !existsSync(target.sqlitePath)) return [];
    const db = new SQLite(target.sqlitePath, { readonly: true });
    try {
      return db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").pluck().all() as string[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<{ t: string }>("select table_schema || '.' || table_name as t from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')")).rows.map((r) => r.t);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Restores a checked backup into an EMPTY target (refused otherwise), then checks that the row
 * counts are those of the manifest. Migrating and verifying the audit chain are the caller's next
 * steps (they need the application's code).
 */
export async function restoreBackup(file: string, target: BackupSource, opts: { key?: Buffer; knownSchemaVersions: string[] }): Promise<BackupManifest> {
  const { manifest, payloadStart, payloadEnd } = await openBackup(file);
  if (manifest.dialect !== target.dialect) {
    throw new BackupError(`Cette sauvegarde vient d’une base ${manifest.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ; la base configurée est ${target.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}.`, 'wrong_dialect');
  }
  if (manifest.schemaVersion && !opts.knownSchemaVersions.includes(manifest.schemaVersion)) {
    throw new BackupError(`Cette sauvegarde a été faite par une version plus récente de passnum (schéma ${manifest.schemaVersion}, version ${manifest.appVersion}) : installez cette version ou une plus récente avant de restaurer.`, 'newer_schema');
  }
  const existing = await targetTables(target);
  if (existing.length) {
    const where = target.dialect === 'sqlite' ? target.sqlitePath : 'la base de DATABASE_URL';
    throw new BackupError(`Refus de restaurer : la destination n’est pas vide (${where} contient ${existing.length} table(s)). Restaurez dans un dossier de données vide ou une base neuve ; rien n’a été modifié.`, 'target_not_empty');
  }
  if (manifest.encryption && !opts.key) throw new BackupError('Cette sauvegarde est chiffrée : indiquez sa clé (--key-file ou PASSNUM_BACKUP_KEY_FILE).', 'key_missing');
  const rawDir = target.dialect === 'sqlite' ? path.dirname(target.sqlitePath!) : tmpdir();
  await mkdir(rawDir, { recursive: true });
  const raw = path.join(rawDir, `.restoring-${process.pid}-${Date.now()}`);
  try {
    const stages: (Readable | Transform)[] = [createReadStream(file, { start: payloadStart, end: payloadEnd - 1 })];
    if (manifest.encryption) {
      const decipher = createDecipheriv('aes-256-gcm', opts.key!, Buffer.from(manifest.encryption.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(manifest.encryption.tag, 'base64'));
      stages.push(decipher);
    }
    try {
      await pipeline([...stages, createWriteStream(raw)]);
    } catch (error) {
      if (manifest.encryption && /auth|decrypt/i.test((error as Error).message)) throw new BackupError('Clé de chiffrement incorrecte pour cette sauvegarde : rien n’a été restauré.', 'wrong_key');
      throw error;
    }
    if (target.dialect === 'sqlite') {
      await rename(raw, target.sqlitePath!);
    } else {
      // One transaction: a restore that fails half-way leaves the database empty, not half full.
      await run('pg_restore', ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges', `--dbname=${target.databaseUrl}`, raw], 'la restauration PostgreSQL');
    }
  } catch (error) {
    if (isDiskFull(error)) throw new BackupError('Le disque de destination est plein : la restauration n’a pas abouti. Libérez de la place et recommencez (la destination est restée vide).', 'disk_full');
    throw error;
  } finally {
    await rm(raw, { force: true });
  }
  const restored = target.dialect === 'sqlite' ? describeSqlite(target.sqlitePath!) : await withPg(target.databaseUrl!, describePg);
  const differing = Object.keys(manifest.rowCounts).filter((t) => restored.rowCounts[t] !== manifest.rowCounts[t]);
  if (differing.length) {
    throw new BackupError(`La base restaurée ne correspond pas au manifeste (${differing.map((t) => `${t} : ${restored.rowCounts[t] ?? 0} au lieu de ${manifest.rowCounts[t]}`).join(', ')}).`, 'count_mismatch');
  }
  return manifest;
}

async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
