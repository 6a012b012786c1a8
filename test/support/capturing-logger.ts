import { Writable } from 'node:stream';

import { pino, type LevelWithSilent } from 'pino';

/** What every pino line carries; tests name the other fields they read. */
export interface LogLine {
  level: number;
  msg: string;
}

/** A pino logger (info unless told) whose lines land in `lines`, for tests of what is logged. */
export function capturingLogger(level: LevelWithSilent = 'info') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return {
    lines,
    logger: pino({ level }, stream),
    /** What was logged so far, one parsed object a line. */
    parsed<Line extends LogLine = LogLine>(): Line[] {
      return lines
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Line);
    },
    /** Forgets what was logged, so a test reads only its own lines. */
    clear() {
      lines.length = 0;
    },
  };
}
