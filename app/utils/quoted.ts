/**
 * Text someone typed, in quotation marks, isolated for direction (U+2068 … U+2069): a right-to-left
 * name reads right, and a stray override in it (U+202E) cannot turn the rest of a title round.
 */
export function quoted(text: string): string {
  return `“\u2068${text}\u2069”`;
}
