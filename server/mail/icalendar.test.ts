import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  calendarText,
  contentLine,
  foldLine,
  mailtoValue,
  parameterValue,
  textValue,
  utcDateTime,
} from './icalendar';

/** What a calendar app does before reading a line: a CRLF and one space or tab are removed. */
function unfold(text: string): string {
  return text.replace(/\r\n[ \t]/g, '');
}

describe('foldLine', () => {
  it('leaves a line of 75 octets whole and folds the 76th onto a continuation', () => {
    expect(foldLine('A'.repeat(75))).toBe('A'.repeat(75));
    expect(foldLine('A'.repeat(76))).toBe(`${'A'.repeat(75)}\r\n A`);
  });

  it('never splits a character: a line of two-octet letters breaks before one', () => {
    // 37 letters are 74 octets; the 38th would end on the 76th.
    const folded = foldLine('é'.repeat(40)).split('\r\n');
    expect(folded.map((line) => Buffer.byteLength(line))).toEqual([74, 7]);
    expect(folded[1]).toBe(` ${'é'.repeat(3)}`);
  });

  it('is undone by unfolding, with no physical line over 75 octets (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const line = `DESCRIPTION:${textValue(text)}`;
        const folded = foldLine(line);
        expect(unfold(folded)).toBe(line);
        for (const physical of folded.split('\r\n')) {
          expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
        }
      }),
    );
  });
});

describe('textValue', () => {
  it('escapes the characters TEXT gives a meaning to, and writes each line break as \\n', () => {
    expect(textValue('a;b,c\\d')).toBe('a\\;b\\,c\\\\d');
    expect(textValue('one\r\ntwo\rthree\nfour\u2028five')).toBe('one\\ntwo\\nthree\\nfour\\nfive');
    expect(textValue('tab\there\u0085')).toBe('tab here ');
  });

  it('keeps any text on one line, and reads back as it was, breaks aside (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const value = textValue(text);
        expect(value).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
        const read = value.replace(/\\([\\;,n])/g, (_, char: string) =>
          char === 'n' ? '\n' : char,
        );
        const expected = text
          .replace(/\r\n|[\r\n\u2028\u2029]/g, '\n')
          .replace(/(?:(?!\n)\p{Cc})+/gu, ' ');
        expect(read).toBe(expected);
      }),
    );
  });
});

describe('parameterValue', () => {
  it('quotes the value and writes quotes, carets and breaks as RFC 6868 and a space', () => {
    expect(parameterValue('Ada "the" ^Lovelace\r\nX')).toBe(`"Ada ^'the^' ^^Lovelace X"`);
  });
});

describe('mailtoValue', () => {
  it('names one address', () => {
    expect(mailtoValue('ada@example.com')).toBe('mailto:ada@example.com');
  });

  it.each(['ada@example.com\rX-INJ:1', 'ada@example.com X', 'ada', '"a"@b', 'a@b;c'])(
    'refuses %j rather than write it',
    (address) => {
      expect(() => mailtoValue(address)).toThrow(/email/);
    },
  );
});

describe('the file', () => {
  it('writes instants in UTC, lines with their parameters, and ends every line with CRLF', () => {
    expect(utcDateTime(new Date('2030-03-31T07:00:00.000Z'))).toBe('20300331T070000Z');
    expect(contentLine('ATTENDEE', 'mailto:a@b.example', [['CN', '"A"']])).toBe(
      'ATTENDEE;CN="A":mailto:a@b.example',
    );
    expect(calendarText(['BEGIN:VCALENDAR', 'END:VCALENDAR'])).toBe(
      'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    );
  });
});
