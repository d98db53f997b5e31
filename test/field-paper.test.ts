import { describe, expect, it } from 'vitest';
import { deBeforeName } from '../src/domain/person.ts';
import { reminderTiming } from '../src/domain/reminders.ts';
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

// A paper reminder is planned only when the post can bring it in time.
describe('when a reminder is due on its channel', () => {
  const now = new Date('2026-03-15T10:00:00.000Z');
  const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);
  it.each([
    ['session_soon', 'letter', 1, 'too_late'],
    ['session_soon', 'letter', 5.9, 'too_late'],
    ['session_soon', 'letter', 6, 'due'],
    ['session_soon', 'letter', 8, 'due'],
    ['session_soon', 'letter', 9, 'not_yet'],
    ['session_soon', 'sms', 1, 'due'],
    ['session_soon', 'email', 3, 'not_yet'],
    ['tickets_expiring', 'letter', 3, 'too_late'],
    ['tickets_expiring', 'letter', 26, 'due'],
    ['tickets_expiring', 'sms', 2, 'due'],
  ] as const)('%s by %s, %s days ahead: %s', (kind, channel, days, expected) => {
    expect(reminderTiming(kind, channel, now, inDays(days))).toBe(expected);
  });
});
