import type { RequestHandler } from 'express';

/** The booking form is under 2 KB; this leaves room for long notes in any encoding. */
export const PAGE_BODY_LIMIT_BYTES = 32 * 1024;

/** What an HTML form sends, with or without JavaScript (Remix submits a FormData the same way). */
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * Guards the page actions before Remix reads a byte: Remix reads a body in full, whatever its
 * size, and throws (a 500 and an error log) on anything but a form. Browsers always send the
 * length of a form, so a body without one is not a form either.
 */
export function pageBodyGuard({
  limitBytes = PAGE_BODY_LIMIT_BYTES,
}: { limitBytes?: number } = {}): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      next();
      return;
    }
    const refuse = (status: number, sentence: string) => {
      // Whatever the client still sends is not read: closing beats draining a body we refuse.
      res.set('Connection', 'close');
      res.status(status).type('text/plain').send(sentence);
    };
    if (req.method !== 'POST') {
      // Pages are opened and sent HTML forms: PUT, DELETE, OPTIONS… have nothing to do here.
      res.set('Allow', 'GET, HEAD, POST');
      refuse(405, 'Pages are opened with GET and sent HTML forms with POST only.\n');
      return;
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!FORM_TYPES.has(type)) {
      refuse(415, 'Pages accept HTML form submissions only.\n');
      return;
    }
    const length = req.headers['content-length'];
    if (length === undefined) {
      refuse(411, 'A form submission must state its length.\n');
      return;
    }
    if (Number(length) > limitBytes) {
      refuse(413, 'The form submission is too large.\n');
      return;
    }
    next();
  };
}
