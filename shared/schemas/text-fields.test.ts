import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';

import { VALID_CONTACT, VALID_PROFILE } from '../../test/support/valid-inputs';
import { BookingContactSchema } from './booking';
import { CancelBookingSchema } from './booking-record';
import { ConsoleActionSchema } from './console-bookings';
import { ExpertProfileSchema } from './expert-profile';
import { HideReviewSchema, ReviewInputSchema, ReviewReplySchema } from './review';

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

/** Text that shows nothing: invisible characters, alone or among white space. */
const INVISIBLE_TEXT = [
  '\u200b',
  '\u200b\u200b',
  '\u200c \u200d',
  '\u2060',
  '\u2060\ufeff',
  '\ufeff\u200b\ufeff',
  '\u00ad\u00ad',
  ' \u200e\u200f ',
  '\u061c\u202b\u202c',
  '\u2067\u2069',
  '\u3164\u3164',
  '\u2800',
  '\u00a0\u200b\u3000',
  // Beyond one pattern's reach: above U+FFFF, marks with nothing to mark, format controls,
  // private use and unassigned (lone surrogates are refused as broken: see below).
  '\u{1d173}\u{1d174}\u{1d175}\u{1d176}',
  '\u{e0020}\u{e0041}',
  '\u{e0100}\u{e0101}',
  '\u{1bca0}\u{13430}',
  '\u0301\u0301',
  '\u20dd\u20dd',
  '\ufff9\ufffb',
  '\ue000\uf8ff',
  '\u0378\u0379',
];

/** Every required text field, with what it says when nothing was given. */
const REQUIRED_FIELDS = [
  {
    errorsFor: (text: string) => errorsOf(BookingContactSchema, { ...VALID_CONTACT, name: text }),
    required: 'Name is required.',
  },
  {
    errorsFor: (text: string) => errorsOf(ExpertProfileSchema, { ...VALID_PROFILE, name: text }),
    required: 'Name is required.',
  },
  {
    errorsFor: (text: string) => errorsOf(ExpertProfileSchema, { ...VALID_PROFILE, bio: text }),
    required: 'Bio is required.',
  },
  {
    errorsFor: (text: string) => errorsOf(ReviewReplySchema, { reply: text }),
    required: 'Reply is required.',
  },
  {
    errorsFor: (text: string) => errorsOf(HideReviewSchema, { reason: text }),
    required: 'Reason is required.',
  },
  {
    errorsFor: (text: string) =>
      errorsOf(ConsoleActionSchema, { intent: 'cancel', bookingId: 'b1', reason: text }),
    required: 'Say why the session is cancelled: the client reads it.',
  },
];

/** `U+200B U+0020`: what a test's name can show of invisible text. */
function codePoints(text: string) {
  return [...text]
    .map(
      (character) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    )
    .join(' ');
}

describe('required text', () => {
  it.each(INVISIBLE_TEXT.map((text) => [codePoints(text), text]))(
    'of nothing visible (%s) is refused as missing',
    (_codePoints, text) => {
      for (const { errorsFor, required } of REQUIRED_FIELDS) {
        expect(errorsFor(text)).toEqual([required]);
      }
      expect(errorsOf(ReviewReplySchema, { reply: `${text}\n${text}` })).toEqual([
        'Reply is required.',
      ]);
    },
  );

  it('keeps its messages for empty and blank text (a lone U+FEFF is trimmed as white space)', () => {
    for (const text of ['', '   ', '\ufeff']) {
      expect(errorsOf(BookingContactSchema, { ...VALID_CONTACT, name: text })).toEqual([
        'Name must be at least 2 characters.',
      ]);
      expect(errorsOf(ExpertProfileSchema, { ...VALID_PROFILE, bio: text })).toEqual([
        'Bio must be at least 10 characters.',
      ]);
      expect(errorsOf(ReviewReplySchema, { reply: text })).toEqual(['Reply is required.']);
      expect(errorsOf(HideReviewSchema, { reason: text })).toEqual(['Reason is required.']);
    }
  });

  it('keeps visible text of every script, with the invisible characters it needs', () => {
    for (const text of [
      'Zoë',
      '李小龍',
      'مُحَمَّد',
      'שָׁלוֹם\u200f',
      'می\u200cخواهم',
      'क्षत्रिय',
      '👍🏽',
      '👩\u200d👩\u200d👧',
      '❤\ufe0f',
      '\u200bAda',
    ]) {
      expect(z.parse(BookingContactSchema, { ...VALID_CONTACT, name: text }).name).toBe(text);
      expect(z.parse(ReviewReplySchema, { reply: `Thanks, ${text}!` }).reply).toBe(
        `Thanks, ${text}!`,
      );
      expect(z.parse(HideReviewSchema, { reason: text }).reason).toBe(text);
    }
  });

  it('is refused whatever mix of white space and invisible characters it is, and taken with one letter among them', () => {
    const blank = fc.constantFrom(' ', '\u00a0', '\u2003', '\u3000', '\ufeff');
    const invisible = fc.constantFrom(
      '\u00ad',
      '\u034f',
      '\u061c',
      '\u115f',
      '\u17b4',
      '\u180e',
      '\u200b',
      '\u200d',
      '\u200e',
      '\u202a',
      '\u2060',
      '\u2064',
      '\u2066',
      '\u2800',
      '\u3164',
      '\ufe0f',
      '\uffa0',
    );
    const nothingVisible = fc
      .tuple(
        fc.array(fc.oneof(blank, invisible), { maxLength: 20 }),
        invisible,
        fc.array(fc.oneof(blank, invisible), { maxLength: 20 }),
      )
      .map(([before, one, after]) => [...before, one, ...after].join(''));
    fc.assert(
      fc.property(
        nothingVisible,
        fc.constantFrom('a', 'Ø', 'ß', '李', 'ب', 'я', '7', '.', '😀'),
        fc.nat(),
        (text, letter, at) => {
          for (const { errorsFor, required } of REQUIRED_FIELDS) {
            expect(errorsFor(text)).toEqual([required]);
          }
          const characters = [...text];
          characters.splice(at % (characters.length + 1), 0, letter);
          const withLetter = characters.join('');
          expect(errorsOf(ReviewReplySchema, { reply: withLetter })).toEqual([]);
          expect(errorsOf(HideReviewSchema, { reason: withLetter })).toEqual([]);
        },
      ),
    );
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

  it.each(INVISIBLE_TEXT.map((text) => [codePoints(text), text]))(
    'that show nothing (%s) are no text, as blank ones are',
    (_codePoints, text) => {
      expect(z.parse(BookingContactSchema, { ...VALID_CONTACT, notes: text }).notes).toBe('');
      expect(z.parse(CancelBookingSchema, { reason: `${text}\n${text}` }).reason).toBe('');
      expect(z.parse(ReviewInputSchema, { rating: 4, comment: text }).comment).toBe('');
      const kept = `Good${text}ok.`;
      expect(z.parse(ReviewInputSchema, { rating: 4, comment: kept }).comment).toBe(kept);
    },
  );
});

describe('half of a surrogate pair (a JSON escape such as "\\ud800")', () => {
  it.each(['\ud800', '\udfff', '\ud800\ud800', 'a\ud83db', '\ude00Ada'])(
    'is refused in required and in optional text (%j), saying so',
    (broken) => {
      expect(errorsOf(BookingContactSchema, { ...VALID_CONTACT, name: `Ada ${broken}` })).toEqual([
        'Name has a broken character in it (half of a pair); type it again.',
      ]);
      expect(errorsOf(BookingContactSchema, { ...VALID_CONTACT, notes: `Hi ${broken}` })).toEqual([
        'Notes has a broken character in it (half of a pair); type it again.',
      ]);
    },
  );

  it('leaves whole pairs alone: an emoji or a letter above U+FFFF is text', () => {
    const name = 'Ada 😀 𝒜';
    expect(z.parse(BookingContactSchema, { ...VALID_CONTACT, name }).name).toBe(name);
  });
});
