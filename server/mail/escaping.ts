/**
 * Text from people (names, an expert's name) on its way into a mail header. The schemas refuse control characters in names, but records made before they
 * did, and the configured sender's name, may still hold them: a lone CR in a header starts a header of
 * the attacker's choosing. So every such text is made safe where it is written.
 */

/** Control characters (C0, DEL, C1) and the Unicode line and paragraph separators. */
const BREAKING = /[\p{Cc}\u2028\u2029]+/gu;

/** One line of header text: any run of control characters or line breaks becomes one space. */
export function headerText(value: string): string {
  return value.replace(BREAKING, ' ');
}
