// What an operator reads when the database fails: the cause in plain French, not a driver's
// message. Used at start (database down, wrong address) and by the HTTP layer (disk full, the
// database unreachable while serving: 503, the request not recorded).

export interface DatabaseFault {
  /** Short cause, e.g. "disque plein". */
  kind: 'disk_full' | 'unreachable' | 'auth' | 'missing_database' | 'read_only' | 'cannot_open' | 'corrupt' | 'connection_lost';
  messageFr: string;
}

/** The database problem behind `error`, if it is one (null for anything else). */
export function describeDatabaseError(error: unknown): DatabaseFault | null {
  const e = error as { code?: string; message?: string; address?: string; port?: number; hostname?: string; errors?: unknown[] } | null;
  if (!e || typeof e !== 'object') return null;
  // Node's net errors may come grouped (AggregateError: IPv4 and IPv6 attempts).
  if (!e.code && Array.isArray(e.errors) && e.errors.length) return describeDatabaseError(e.errors[0]);
  const code = e.code ?? '';
  const where = e.address ? ` (${e.address}${e.port ? `:${e.port}` : ''})` : e.hostname ? ` (${e.hostname})` : '';
  switch (true) {
    case code === 'SQLITE_FULL' || code === 'ENOSPC' || /database or disk is full/i.test(e.message ?? ''):
      return { kind: 'disk_full', messageFr: 'Le disque de la base de données est plein : rien n’a été enregistré. Libérez de la place ; le service reprend de lui-même.' };
    case code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === '57P03':
      return {
        kind: 'unreachable',
        messageFr: `La base de données PostgreSQL ne répond pas${where}. Vérifiez qu’elle est démarrée et que DATABASE_URL désigne le bon serveur.`,
      };
    case code === '57P01' || code === '57P02' || code === '08006' || code === '08003' || /Connection terminated/i.test(e.message ?? ''):
      return { kind: 'connection_lost', messageFr: 'La connexion à la base de données a été coupée (redémarrage du serveur ?) : l’opération n’a pas été enregistrée, réessayez.' };
    case code === '28P01' || code === '28000':
      return { kind: 'auth', messageFr: 'La base de données PostgreSQL refuse la connexion : utilisateur ou mot de passe de DATABASE_URL incorrect.' };
    case code === '3D000':
      return { kind: 'missing_database', messageFr: 'La base nommée dans DATABASE_URL n’existe pas : créez-la (createdb) avant de démarrer.' };
    case code === 'SQLITE_READONLY' || code === 'EROFS' || code === 'EACCES' || code === 'EPERM':
      return { kind: 'read_only', messageFr: 'Le dossier de données n’est pas accessible en écriture (PASSNUM_DATA_DIR) : vérifiez ses droits et le disque.' };
    case code === 'SQLITE_CANTOPEN' || code === 'ENOTDIR' || code === 'EEXIST':
      return { kind: 'cannot_open', messageFr: 'Impossible d’ouvrir le fichier de la base SQLite : vérifiez PASSNUM_DATA_DIR (un dossier existant, accessible en écriture).' };
    case code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB':
      return { kind: 'corrupt', messageFr: 'Le fichier de la base SQLite est endommagé ou n’en est pas un : restaurez la dernière sauvegarde (passnum restore).' };
    case code.startsWith('SQLITE_IOERR'):
      return { kind: 'disk_full', messageFr: 'Le disque de la base de données refuse l’écriture (erreur d’entrée-sortie) : rien n’a été enregistré. Vérifiez la place libre et le disque.' };
    default:
      return null;
  }
}
