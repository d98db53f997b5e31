import { describe, expect, it } from 'vitest';
import { deBeforeName } from '../src/domain/person.ts';

// The resident's paper in French: « Carnet d’Hélène », not « Carnet de Hélène ».
describe('French elision before a first name', () => {
  it.each([
    ['Hélène', 'd’Hélène'],
    ['Yves', 'd’Yves'],
    ['Aïcha', 'd’Aïcha'],
    ['Émile', 'd’Émile'],
    ['Zoé', 'de Zoé'],
    ['Marcel', 'de Marcel'],
  ])('%s → %s', (name, expected) => {
    expect(deBeforeName(name)).toBe(expected);
  });
});
