// Booklet and ticket serial numbers are printed apart from the codes and are not secrets
// (docs/product.md): campaign year, commune INSEE code, sequence, ticket index.
export function bookletSerial(year: number, communeInsee: string, sequence: number): string {
  return `${year}-${communeInsee}-${String(sequence).padStart(6, '0')}`;
}

export function ticketSerial(bookletSerial: string, index: number): string {
  return `${bookletSerial}-${index}`;
}

/** Accepts "2026-62498-000012", spaces or missing dashes tolerated. */
export function normaliseBookletSerial(input: string): string | null {
  const digits = input.replace(/[\s\-_./]/g, '').toUpperCase();
  const m = /^(\d{4})(\d{5}|2[AB]\d{3})(\d{6})$/.exec(digits);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
