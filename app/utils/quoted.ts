/** Direction controls: embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
const DIRECTION_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text someone typed, in quotation marks, isolated for direction (U+2068 … U+2069): a right-to-left
 * name reads right. Its own direction controls are left out, so that none of them (an override,
 * U+202E, or a closing U+2069 of its own) can reach past the quotation marks and turn the rest of
 * a title round.
 */
export function quoted(text: string): string {
  return `“\u2068${text.replace(DIRECTION_CONTROLS, '')}\u2069”`;
}
