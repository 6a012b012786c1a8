/**
 * Text from people (names, an expert's name, addresses) on its way into a mail header or a
 * calendar line. The schemas refuse control characters in names, but records made before they
 * did, and the configured sender's name, may still hold them: a lone CR in a calendar parameter
 * starts a line of the attacker's choosing. So every such text is made safe where it is written.
 */

/** Control characters (C0, DEL, C1) and the Unicode line and paragraph separators. */
const BREAKING = /[\p{Cc}\u2028\u2029]+/gu;

/** One line of header text: any run of control characters or line breaks becomes one space. */
export function headerText(value: string): string {
  return value.replace(BREAKING, ' ');
}

/**
 * A TEXT value of a calendar line (SUMMARY, DESCRIPTION): line breaks, whatever their form, as
 * the one newline the calendar library escapes (`\n`); other control characters as a space.
 */
export function icsText(value: string): string {
  return value.replace(/\r\n|[\r\u2028\u2029]/g, '\n').replace(/(?:(?!\n)\p{Cc})+/gu, ' ');
}

/**
 * A parameter value (the CN of an attendee or organizer), which the calendar library only
 * quotes: it may hold no control character and no double quote (RFC 5545), so quotes and carets
 * are written as RFC 6868 says (`^'`, `^^`) and control characters as a space.
 */
export function icsParam(value: string): string {
  return headerText(value).replace(/\^/g, '^^').replace(/"/g, "^'");
}

/** A calendar address (`mailto:…`): nothing that could end the line or the value. */
export function icsAddress(value: string): string {
  return value.replace(/[\p{Cc}\s"]+/gu, '');
}
