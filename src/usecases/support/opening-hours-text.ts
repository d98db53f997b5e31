import OpeningHours from 'opening_hours';

/** OpenStreetMap opening hours in readable French ("lun.-ven. 09:00-12:00"), or the raw value. */
export function openingHoursText(value: string | null): string | null {
  if (!value) return null;
  try {
    return new OpeningHours(value, null, { locale: 'fr' } as never).prettifyValue({ conf: { locale: 'fr', rule_sep_string: ' ; ', print_semicolon: false } } as never);
  } catch {
    return value;
  }
}
