import { openingHoursSentence } from '../../domain/opening-hours.ts';

/** OpenStreetMap opening hours in French sentences (« du mardi au samedi, de 10 h à 12 h 30… »), or the raw value. */
export function openingHoursText(value: string | null): string | null {
  return openingHoursSentence(value);
}
