// SIRET: 14 digits, Luhn mod 10; La Poste (SIREN 356000000) is the known exception: its
// establishments' numbers that fail Luhn are valid when the digit sum is a multiple of 5
// (docs/ecosystem.md §5.6). The head office, 356 000 000 00048, passes Luhn.
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret) || /^0+$/.test(siret)) return false;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let digit = Number(siret[13 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  if (sum % 10 === 0) return true;
  if (siret.startsWith('356000000')) return [...siret].reduce((acc, ch) => acc + Number(ch), 0) % 5 === 0;
  return false;
}
