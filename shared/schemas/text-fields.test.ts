import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';

import { VALID_CONTACT, VALID_PROFILE } from '../../test/support/valid-inputs';
import { BookingContactSchema } from './booking';
import { CancelBookingSchema } from './booking-record';
import { ExpertProfileSchema } from './expert-profile';

/** What a person could not have typed in a name: every control character and line separator. */
const CONTROL = [
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '\u000b',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
];

function errorsOf(schema: z.ZodMiniType, value: unknown) {
  const result = z.safeParse(schema, value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('names', () => {
  it.each(CONTROL)('a booker’s name with %j is refused, saying why', (character) => {
    expect(
      errorsOf(BookingContactSchema, { ...VALID_CONTACT, name: `Ada${character}X-INJ:1` }),
    ).toEqual([
      'Name must be one line of text, without tabs, line breaks or other control characters.',
    ]);
  });

  it.each(CONTROL)('an expert’s name with %j is refused', (character) => {
    expect(
      errorsOf(ExpertProfileSchema, { ...VALID_PROFILE, name: `Grace${character}Hopper` }),
    ).toEqual([
      'Name must be one line of text, without tabs, line breaks or other control characters.',
    ]);
  });

  it('keeps names of every script, accents and punctuation', () => {
    for (const name of [
      'Zoë O’Brien-Łukasiewicz',
      '李小龍',
      'Ngũgĩ wa Thiong’o',
      'Ada "Countess"',
    ]) {
      expect(z.parse(BookingContactSchema, { ...VALID_CONTACT, name }).name).toBe(name);
    }
  });
});

describe('notes, bios and reasons', () => {
  it('keep their line breaks, CRLF and CR as LF', () => {
    const notes = 'First line\r\nSecond line\rThird line\nFourth';
    expect(z.parse(BookingContactSchema, { ...VALID_CONTACT, notes }).notes).toBe(
      'First line\nSecond line\nThird line\nFourth',
    );
    expect(
      z.parse(ExpertProfileSchema, { ...VALID_PROFILE, bio: 'Line one,\r\nline two.' }).bio,
    ).toBe('Line one,\nline two.');
    expect(z.parse(CancelBookingSchema, { reason: 'Ill.\r\nSorry.' }).reason).toBe('Ill.\nSorry.');
  });

  it.each(['\t', '\u0000', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085'])(
    'refuse any other control character (%j), saying why',
    (character) => {
      expect(errorsOf(BookingContactSchema, { ...VALID_CONTACT, notes: `a${character}b` })).toEqual(
        ['Notes may have line breaks, but no tabs or other control characters.'],
      );
      expect(
        errorsOf(ExpertProfileSchema, { ...VALID_PROFILE, bio: `A long bio${character}.` }),
      ).toEqual(['Bio may have line breaks, but no tabs or other control characters.']);
      expect(errorsOf(CancelBookingSchema, { reason: `il${character}l` })).toEqual([
        'Reason may have line breaks, but no tabs or other control characters.',
      ]);
    },
  );
});
