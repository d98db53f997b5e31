import { createCipheriv, createDecipheriv, createHash, createHmac, createSecretKey, randomBytes } from 'node:crypto';

/**
 * Keyed hashing and encryption of ticket codes with secrets kept outside the database
 * (issue #3, item 4): a stolen database alone neither reveals nor lets anyone forge codes.
 */
export interface Secrets {
  hashCode(code: string): string;
  encryptCode(code: string): string;
  decryptCode(payload: string): string;
  hashToken(token: string): string;
}

/** IVs per draw from the cryptographic source: one call serves this many encryptions. */
const IVS_PER_DRAW = 1024;

export function createSecrets(codeSecret: string, sessionSecret: string): Secrets {
  // Key objects built once: createHmac/createCipheriv would otherwise import the raw key each call.
  const hmacKey = createSecretKey(createHash('sha256').update(`hmac:${codeSecret}`).digest());
  const encKey = createSecretKey(createHash('sha256').update(`aes:${codeSecret}`).digest());
  const tokenKey = createSecretKey(createHash('sha256').update(`token:${sessionSecret}`).digest());
  // Random 96-bit GCM nonces, drawn from the CSPRNG a thousand at a time (issuance encrypts
  // thousands of codes per transaction); each is used once, as with one draw per code.
  let ivs = Buffer.alloc(0);
  let next = 0;
  const nextIv = () => {
    if (next + 12 > ivs.length) {
      ivs = randomBytes(12 * IVS_PER_DRAW);
      next = 0;
    }
    next += 12;
    return ivs.subarray(next - 12, next);
  };
  return {
    hashCode: (code) => createHmac('sha256', hmacKey).update(code).digest('base64url'),
    encryptCode(code) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = cipher.update(code, 'utf8');
      const tail = cipher.final(); // empty for GCM (a stream mode); computes the tag
      return Buffer.concat([iv, cipher.getAuthTag(), body, tail]).toString('base64url');
    },
    decryptCode(payload) {
      const raw = Buffer.from(payload, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    hashToken: (token) => createHmac('sha256', tokenKey).update(token).digest('base64url'),
  };
}
