import { composeIBAN, friendlyFormatIBAN, isValidIBAN } from 'ibantools';
import { DomainError } from './errors.ts';

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
