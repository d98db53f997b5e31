import { composeIBAN, friendlyFormatIBAN, isValidIBAN } from 'ibantools';
import { DomainError, invalid } from './errors.ts';

// Bank details of a structure, as far as paying is concerned (issue #5). Entering and validating
// them is the structures' validator (`validateBankDetails` in structure.ts, with ibantools);
// here: display, masking, the French notice, and the rule that only verified accounts are paid.

/** True when an IBAN passes ibantools' checks (used before writing a SEPA file). */
export function isValidIban(iban: string): boolean {
  return isValidIBAN(iban);
}

/** "FR76 3000 6000 0112 3456 7890 189" for reading. */
export function formatIban(iban: string): string {
  return friendlyFormatIBAN(iban) ?? iban;
}

/**
 * Who reads a full IBAN (finding 10 of the security review): the structure's own manager and the
 * finance team. Everyone else — admin, auditor, mediators, agents — reads it masked.
 */
export function seesFullIban(reader: { role: string; structureId: string | null }, structureId: string): boolean {
  return reader.role === 'finance' || (reader.role === 'structure_manager' && reader.structureId === structureId);
}

/** "FR76 •••• •••• 0189": the country, check digits and last four, enough to recognise the account. */
export function maskIbanForReading(iban: string): string {
  const clean = iban.replace(/\s/g, '');
  return `${clean.slice(0, 4)} •••• •••• ${clean.slice(-4)}`;
}

/** The IBAN as this reader may see it. */
export function ibanFor(reader: { role: string; structureId: string | null }, structureId: string, iban: string): string {
  return seesFullIban(reader, structureId) ? formatIban(iban) : maskIbanForReading(iban);
}

/** "FR76 •••• 189" for audit entries and lists. */
export function maskIban(iban: string | null): string | null {
  if (!iban) return null;
  return `${iban.slice(0, 4)} •••• ${iban.slice(-3)}`;
}

export type BankStatus = 'none' | 'pending' | 'verified';

/** The French notice a structure reads about its bank details. */
export function bankNotice(status: BankStatus): string | null {
  if (status === 'verified') return null;
  if (status === 'pending') {
    return 'Vos coordonnées bancaires sont en cours de vérification par le service financier. Aucun paiement ne peut être versé sur un compte non vérifié : vos remboursements approuvés vous seront payés dès la vérification.';
  }
  return 'Vous n’avez pas encore saisi vos coordonnées bancaires (IBAN, BIC, titulaire du compte). Aucun paiement ne peut être versé tant qu’elles ne sont pas saisies et vérifiées par le service financier.';
}

/** Refuses a payment to an account that is not verified, naming the structure. */
export function requireVerifiedBank(structure: { id: string; name: string; bankStatus: BankStatus }): void {
  if (structure.bankStatus !== 'verified') {
    throw new DomainError(
      'bank_not_verified',
      `Les coordonnées bancaires de la structure « ${structure.name} » ne sont pas vérifiées : aucun paiement ne peut lui être versé. Faites vérifier son IBAN avant de l’inclure dans un ordre de paiement.`,
      { structureId: structure.id, structureName: structure.name, bankStatus: structure.bankStatus },
    );
  }
}

/**
 * A valid French IBAN from bank, branch and account numbers (RIB key computed, then the IBAN
 * check digits by ibantools' mod-97). Used by the demo data and tests; pure arithmetic.
 */
export function frenchIban(bank: string, branch: string, account: string): string {
  const digits = (s: string) => s.toUpperCase().replace(/[A-Z]/g, (c) => String(ribLetter(c)));
  const b = BigInt(digits(bank));
  const g = BigInt(digits(branch));
  const a = BigInt(digits(account));
  const key = 97n - ((89n * b + 15n * g + 3n * a) % 97n);
  const bban = `${bank}${branch}${account}${String(key).padStart(2, '0')}`;
  const iban = composeIBAN({ countryCode: 'FR', bban });
  if (!iban) throw new Error(`invalid French BBAN ${bban}`);
  return iban;
}

// RIB letters map to digits: A,J→1 B,K,S→2 ... (the "clé RIB" convention).
function ribLetter(c: string): number {
  const code = c.charCodeAt(0) - 64; // A=1
  if (code <= 9) return code;
  if (code <= 18) return code - 9;
  return code - 17;
}

/** The largest RIB accepted: a scan or a bank's PDF is far smaller. */
export const RIB_MAX_BYTES = 2 * 1024 * 1024;
export type RibType = 'application/pdf' | 'image/png' | 'image/jpeg';

/**
 * The RIB's type read from its content (not its name): a PDF, a PNG or a JPEG, size-limited. The
 * public accountant asks for this document before creating a creditor; finance reads it to verify.
 */
export function checkRibDocument(bytes: Uint8Array): RibType {
  if (bytes.length === 0) throw invalid('rib', 'Joignez le RIB de votre banque (PDF, PNG ou JPEG).');
  if (bytes.length > RIB_MAX_BYTES) throw invalid('rib', 'Le RIB dépasse 2 Mo : joignez un fichier plus léger (PDF, PNG ou JPEG).');
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  throw invalid('rib', 'Le RIB doit être un fichier PDF, PNG ou JPEG (son contenu ne correspond à aucun de ces formats).');
}
