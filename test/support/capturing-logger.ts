import { Writable } from 'node:stream';

import { pino } from 'pino';

/** A pino logger at info level whose lines land in `lines`, for tests that check what is logged. */
export function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}
