/** Money is integer cents (docs/product.md). */
export function formatEuros(cents: number): string {
  const euros = (cents / 100).toFixed(2).replace('.', ',');
  return `${euros.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')} €`;
}

/** "1234,50" for French spreadsheets (decimal comma, no symbol). */
export function decimalComma(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}
