/**
 * The little of iCalendar (RFC 5545) the booking files need: content lines, escaped and folded.
 * Written here rather than through a calendar library, which validated every event with a
 * schema library on each booking: the largest cost of composing a booking's mail.
 */

/** RFC 5545 §3.1: a line is at most 75 octets, CRLF excluded; longer ones are folded. */
const LINE_OCTETS = 75;
const CRLF = '\r\n';

/** A parameter of a content line (`CN="…"`), its value already safe (see `parameterValue`). */
export type Parameters = readonly (readonly [name: string, value: string])[];

/**
 * A TEXT value (§3.3.11): backslash, semicolon and comma escaped, every line break as `\n`.
 * Control characters other than line breaks are not allowed in TEXT and become a space.
 */
export function textValue(value: string): string {
  return value
    .replace(/\r\n|[\r\n\u2028\u2029]/g, '\n')
    .replace(/(?:(?!\n)\p{Cc})+/gu, ' ')
    .replace(/[\\;,]/g, (char) => `\\${char}`)
    .replace(/\n/g, '\\n');
}

/**
 * A parameter value, always quoted: it may hold no control character and no double quote
 * (§3.1), so quotes and carets are written as RFC 6868 says (`^'`, `^^`) and any run of control
 * characters or line breaks as one space.
 */
export function parameterValue(value: string): string {
  const safe = value
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\^/g, '^^')
    .replace(/"/g, "^'");
  return `"${safe}"`;
}

/** A URI value (§3.3.13): nothing that could end the value or the line. */
export function uriValue(value: string): string {
  return value.replace(/[\p{Cc}\s"]+/gu, '');
}

/**
 * A CAL-ADDRESS (§3.3.3) for an email address: `mailto:` and the address, which must be one
 * address and nothing else. Refused rather than cleaned: a calendar file naming someone else, or
 * no one, is worse than none.
 */
export function mailtoValue(email: string): string {
  if (!/^[^\s\p{Cc}@"<>()\\,;:]+@[^\s\p{Cc}@"<>()\\,;:]+$/u.test(email)) {
    throw new Error('A calendar file names people by email address: this is not one.');
  }
  return `mailto:${email}`;
}

/** A UTC DATE-TIME (§3.3.5, form 2): `20300331T070000Z`. */
export function utcDateTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Splits a line into pieces of at most 75 octets (the continuations' leading space included),
 * never inside a character: a folded line must unfold to the very same UTF-8.
 */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > LINE_OCTETS) {
      pieces.push(piece);
      piece = ' ';
      octets = 1;
    }
    piece += char;
    octets += size;
  }
  pieces.push(piece);
  return pieces.join(CRLF);
}

/** One content line (§3.1): `NAME;PARAM=value:value`, folded. */
export function contentLine(name: string, value: string, parameters: Parameters = []): string {
  const params = parameters.map(([param, paramValue]) => `;${param}=${paramValue}`).join('');
  return foldLine(`${name}${params}:${value}`);
}

/** The lines as a file: each ends with CRLF, the last one too. */
export function calendarText(lines: readonly string[]): string {
  return lines.map((line) => `${line}${CRLF}`).join('');
}
