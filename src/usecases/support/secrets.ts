import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

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

export function createSecrets(codeSecret: string, sessionSecret: string): Secrets {
  const hmacKey = createHash('sha256').update(`hmac:${codeSecret}`).digest();
  const encKey = createHash('sha256').update(`aes:${codeSecret}`).digest();
  const tokenKey = createHash('sha256').update(`token:${sessionSecret}`).digest();
  return {
    hashCode: (code) => createHmac('sha256', hmacKey).update(code).digest('base64url'),
    encryptCode(code) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
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
