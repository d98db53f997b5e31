import { describe, expect, it } from 'vitest';
import { gridToOsm, openingHoursSentence, osmToGrid } from '../src/domain/opening-hours.ts';

// Opening hours as people write them: the grid's OSM value and the French sentences everyone reads.
describe('opening hours in French sentences', () => {
  const nb = (s: string | null) => s?.replace(/\u00a0/g, ' ');
  it.each([
    ['Tu-Sa 10:00-12:30,14:00-18:00', 'Du mardi au samedi, de 10 h à 12 h 30 et de 14 h à 18 h.'],
    ['We 14:00-18:00; Sa 09:00-12:00', 'Le mercredi, de 14 h à 18 h ; le samedi, de 9 h à 12 h.'],
    ['Tu,Th 14:00-18:00; Sa 09:30-12:30', 'Le mardi et le jeudi, de 14 h à 18 h ; le samedi, de 9 h 30 à 12 h 30.'],
    ['Mo-Fr 08:30-12:00; PH off; 2026 Dec 24 off', 'Du lundi au vendredi, de 8 h 30 à 12 h. Fermé les jours fériés. Fermé exceptionnellement le 24 décembre 2026.'],
    ['24/7', '24/7'],
  ])('%s → %s', (osm, french) => {
    expect(nb(openingHoursSentence(osm))).toBe(french);
  });

  it('keeps hours and minutes together with non-breaking spaces, and says nothing when no hours are given', () => {
    expect(openingHoursSentence('Mo 10:00-12:30')).toContain('10\u00a0h à 12\u00a0h\u00a030');
    expect(openingHoursSentence(null)).toBeNull();
    expect(openingHoursSentence('  ')).toBeNull();
  });

  it('writes the grid as OSM hours, grouping consecutive days, and reads it back', () => {
    const grid = osmToGrid('Tu-Sa 10:00-12:30,14:00-18:00')!;
    grid.days[5] = [{ from: '10:00', to: '12:30' }];
    grid.closedOnPublicHolidays = true;
    grid.closedDates = ['2026-12-24'];
    const osm = gridToOsm(grid)!;
    expect(osm).toBe('Tu-Fr 10:00-12:30,14:00-18:00; Sa 10:00-12:30; PH off; 2026 Dec 24 off');
    expect(osmToGrid(osm)).toEqual(grid);
    expect(gridToOsm(osmToGrid('')!)).toBeNull();
    // More than two ranges a day is beyond the grid: kept as written, edited as text.
    expect(osmToGrid('Mo 08:00-09:00,10:00-11:00,12:00-13:00')).toBeNull();
  });
});
