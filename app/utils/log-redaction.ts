/**
 * Logs carry paths, never query strings: a private page's address holds its token
 * (`/bookings/…?token=…`), a lookup its e-mail address.
 */

/** The path of a URL (absolute or relative), without its query or fragment. */
export function pathOf(url: string): string {
  return URL.canParse(url, 'http://log.path') ? new URL(url, 'http://log.path').pathname : '';
}

/** A text (an error's message or stack) with the query strings of the URLs it quotes cut. */
export function withoutQueries(text: string): string {
  return text.replace(/\?[^\s"'`<>]+/g, '?…');
}

/** What the logger gets of a thrown value: its kind, message and stack, queries cut. */
export function loggableError(error: unknown) {
  if (!(error instanceof Error)) return { message: withoutQueries(String(error)) };
  return {
    type: error.name,
    message: withoutQueries(error.message),
    stack: error.stack === undefined ? undefined : withoutQueries(error.stack),
  };
}
