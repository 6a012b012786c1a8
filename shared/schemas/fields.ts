import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * Building blocks shared by every schema. Each one names the field in its messages, because
 * those messages travel unchanged to the form next to the input and to JSON clients in `fields`.
 *
 * The schemas of app/ use `zod/mini`: they reach the browser, and its functions tree-shake where
 * classic zod's methods pull most of the library into every page that validates a form.
 */

// Zod Mini sets no locale, so an issue without a message of ours (a body that is not an object)
// would read "Invalid input" or classic zod's English sentence depending on which of the two was
// loaded first. Setting it here makes every schema read the same on both sides.
z.config(en());

// The character classes below become patterns in the API's contract and on the forms' inputs,
// read by JavaScript, by Schemathesis (Python's `re` draws, Rust checks) and by browsers (with the
// `v` flag): their ranges are spelled out, not `\s` or `\p{Cc}`, which these read differently or
// not at all.

const LINE_RULES = {
  /**
   * One line of text: no control character (C0, DEL, C1: tabs, line breaks, NUL…) and no Unicode
   * line or paragraph separator. Nobody types one in a name, and where a name is written into a
   * mail header or a calendar line a lone CR would start a line of its own (NUL PostgreSQL under
   * FerretDB cannot even store).
   */
  one: {
    characters: String.raw`[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*`,
    message: (label: string) =>
      `${label} must be one line of text, without tabs, line breaks or other control characters.`,
  },
  /** Several lines: line breaks are kept (as LF); any other control character is refused. */
  many: {
    characters: String.raw`[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]*`,
    message: (label: string) =>
      `${label} may have line breaks, but no tabs or other control characters.`,
  },
} as const;

/** What `String.prototype.trim` takes away: ECMAScript's white space and line terminators. */
const TRIMMED = String.raw`\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff`;

/**
 * Characters that show nothing and that the trim keeps: the soft hyphen, the combining grapheme
 * joiner, zero-width spaces and joiners, direction marks, embeddings and isolates, the word
 * joiner and invisible operators, variation selectors, the Hangul fillers, the braille blank.
 * Those beyond U+FFFF (tags) are left out: they take surrogate pairs, which JavaScript's pattern
 * reads as two characters and Python's and Rust's as one.
 */
const INVISIBLE = String.raw`\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\uffa0`;

/**
 * Refuses text in which nothing shows: invisible characters, alone or among white space. A reply
 * of one zero-width space would be published as nothing, and use up the expert's one reply.
 * White space alone passes here: the trim empties it, and the length check says what is missing.
 */
const SOMETHING_VISIBLE = `(?![${TRIMMED}]*[${INVISIBLE}][${TRIMMED}${INVISIBLE}]*$)`;

// eslint-disable-next-line no-misleading-character-class -- each mark is listed for itself, to be removed
const INVISIBLE_CHARACTERS = new RegExp(`[${INVISIBLE}]`, 'gu');

/**
 * Whether text shows anything at all: a letter, digit, punctuation mark or symbol other than the
 * invisible ones above. This reaches what one pattern for every regex dialect cannot: characters
 * above U+FFFF (tags, invisible musical and format controls), marks with nothing to mark, private
 * use and unassigned code points, lone surrogates. It stays out of the API's document (a pattern
 * Schemathesis could not draw from); the pattern states the common cases.
 */
export function showsSomething(text: string): boolean {
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(text.replace(INVISIBLE_CHARACTERS, ''));
}

/**
 * Refuses half of a surrogate pair, which only a JSON escape (`"\ud800"`) can send: it is not a
 * character, and the database would quietly store U+FFFD in its place. (A form or an address
 * cannot carry one: their broken UTF-8 already reads as U+FFFD.)
 */
function wellFormed(label: string) {
  return z.refine<string>((value) => !/\p{Cs}/u.test(value), {
    error: `${label} has a broken character in it (half of a pair); type it again.`,
    abort: true,
  });
}

function lineBreaksAsLf() {
  return z.overwrite((value: string) => value.replace(/\r\n?/g, '\n'));
}

/** Optional text of one line (a search): no control character, no line break. */
export function singleLine(label: string) {
  const { characters, message } = LINE_RULES.one;
  return z.regex(new RegExp(`^${characters}$`), message(label));
}

/**
 * Optional text of several lines: line breaks (LF, CRLF or CR) are kept, as LF; any other control
 * character (a tab, an escape, NUL…) is refused.
 */
export function multiline(label: string) {
  const { characters, message } = LINE_RULES.many;
  return [
    lineBreaksAsLf(),
    z.regex(new RegExp(`^${characters}$`), message(label)),
    wellFormed(label),
    // Optional text that shows nothing is no text: stored, it would read as an empty reason.
    z.overwrite((value: string) => (showsSomething(value) ? value : '')),
  ] as const;
}

/**
 * Text a person must give: trimmed, one line or several, with something visible in it.
 * `required` is what an absent, empty or invisible value is told ("<label> is required.").
 *
 * The line rule and the visible-character rule are one pattern, so that the API's document
 * states each field with one `pattern`: as two, they made an `allOf` from which Schemathesis drew
 * values it nearly all had to throw away (a failed health check). The message says which of the
 * two was broken.
 */
export function requiredText(
  label: string,
  {
    min = 1,
    max,
    lines = 'one',
    required = `${label} is required.`,
  }: { min?: number; max: number; lines?: 'one' | 'many'; required?: string },
) {
  const { characters, message } = LINE_RULES[lines];
  const lineRule = new RegExp(`^${characters}$`);
  return z
    .string({
      error: (issue) => (issue.input === undefined ? required : `${label} must be text.`),
    })
    .check(
      z.trim(),
      ...(lines === 'many' ? [lineBreaksAsLf()] : []),
      z.regex(new RegExp(`^${SOMETHING_VISIBLE}${characters}$`), {
        error: (issue) => (lineRule.test(String(issue.input)) ? required : message(label)),
        // "Name must be at least 2 characters" would be beside the point after "Name is required".
        abort: true,
      }),
      wellFormed(label),
      // Blank text is left to the length check's message.
      z.refine((value) => value === '' || showsSomething(value), { error: required, abort: true }),
      z.minLength(min, min === 1 ? required : `${label} must be at least ${min} characters.`),
      z.maxLength(max, `${label} must be at most ${max} characters.`),
    );
}

/** Either case is accepted; the lower-case form is the one stored, compared and used as a key. */
export const ObjectIdSchema = z
  .pipe(
    z
      .string({ error: 'The id must be text.' })
      .check(z.regex(/^[0-9a-fA-F]{24}$/, 'The id must be 24 hexadecimal characters.')),
    z.transform((id) => id.toLowerCase()),
  )
  .register(z.globalRegistry, { example: '665f1c2e9b1e8a3d4c5b6a79' });

/** A calendar day (`YYYY-MM-DD`) that really exists: 2026-02-30 is refused. */
export const DateSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? 'Date is required.' : 'Date must be text.'),
  })
  .check(
    z.regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'Date must look like 2026-01-31.'),
    z.refine((value) => {
      const parsed = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
    }, 'Date is not a real calendar day.'),
    // JSON Schema's `date` format is the same rule: a real calendar day.
    z.meta({ format: 'date', example: '2026-12-07' }),
  );

const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]';

/**
 * A slot label as experts offer it, e.g. `09:00-10:00`; the end must come after the start. A
 * session that runs to midnight ends at `24:00`.
 */
export const TimeSlotSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined ? 'Time slot is required.' : 'Time slot must be text.',
  })
  .check(
    z.regex(new RegExp(`^${TIME}-(${TIME}|24:00)$`), 'Time slot must look like 09:00-10:00.'),
    z.refine((value) => {
      const [start, end] = value.split('-');
      return start !== undefined && end !== undefined && start < end;
    }, 'Time slot must end after it starts.'),
    z.meta({ example: '09:00-10:00' }),
  );

/** The largest whole number a query string may carry: nine digits. */
const MAX_QUERY_INTEGER = 999_999_999;

/**
 * A whole number read from a query string. Query values are strings; anything else (an array
 * from a repeated key, an object from `a[b]=c`) is refused rather than coerced.
 */
export function queryInteger(label: string, { fallback, max }: { fallback: number; max?: number }) {
  const bounded = z
    .number()
    .check(
      z.int(),
      z.gte(1, `${label} must be 1 or more.`),
      z.lte(max ?? MAX_QUERY_INTEGER, `${label} must be at most ${max ?? MAX_QUERY_INTEGER}.`),
    );
  const digits = z
    .string({ error: `${label} must be a single whole number.` })
    .check(z.regex(/^[0-9]{1,9}$/, `${label} must be a whole number.`));
  return z
    .pipe(
      z.optional(
        z.pipe(
          z.pipe(
            digits,
            z.transform((value) => Number(value)),
          ),
          bounded,
        ),
      ),
      z.transform((value) => value ?? fallback),
    )
    .register(z.globalRegistry, queryIntegerContract(1, max ?? MAX_QUERY_INTEGER));
}

/**
 * How the OpenAPI document states a whole number read from a query string: as the number it
 * must be (OpenAPI sends query values as text), with its bounds, which the zod pipe checks only
 * after converting the text.
 */
export function queryIntegerContract(minimum: number, maximum: number) {
  // The text's pattern means nothing for a number.
  return { override: { type: 'integer', minimum, maximum, pattern: undefined } } as const;
}
