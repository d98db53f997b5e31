import { describe, expect, it } from 'vitest';
import { deBeforeName } from '../src/domain/person.ts';
import { frenchTypography } from '../src/exports/booklet-pdf.ts';

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

// A line of the booklet never starts with ":" or "?" (the PDF's line breaking does not break at a
// no-break space; text extraction turns them back into plain spaces, hence a test of the text given).
describe('French typography on the booklet', () => {
  it('puts a no-break space before a colon and a narrow one before ; ! ? and inside « »', () => {
    expect(frenchTypography('Téléphone : 03 21 … Une question ? « Pass »')).toBe('Téléphone\u00a0: 03 21 … Une question\u202f? «\u202fPass\u202f»');
  });
});
