import { Transform } from 'node:stream';

/**
 * A stream that drops NUL bytes. React 18.3's stream writer sends its 2 KB buffer whole when the
 * next character does not fit in what is left of it, the unwritten end as NULs
 * (facebook/react#31134): a NUL in the page, or U+FFFD where it lands in an attribute. The app's
 * own text never holds one (every input refuses control characters), so each NUL is padding.
 */
export function withoutNulPadding(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
    },
  });
}
