import { Writable } from 'node:stream';

import { pino, type LevelWithSilent } from 'pino';

/** What every pino line carries; tests name the other fields they read. */
export interface LogLine {
  level: number;
  msg: string;
}

/** A logger that keeps what it writes, for tests of what the app logs and what it never does. */
export function captureLog(level: LevelWithSilent = 'info') {
  const written: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    logger: pino({ level }, sink),
    /** Every write as it came; pino writes one JSON line at a time. */
    written,
    /** What was written so far, one parsed object a line. */
    lines<Line extends LogLine = LogLine>(): Line[] {
      return written
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Line);
    },
    /** Forgets what was written, so a test reads only its own lines. */
    clear() {
      written.length = 0;
    },
  };
}
