import { ConfigError } from '../../server/config';
import { DataDirInUseError, EmbeddedDatabaseUnavailableError } from '../../embedded-db';

/** FerretDB puts its Go source position in its error messages: `[msg_create.go:137 handler…]`. */
const GO_FRAME = /\[[\w./-]+\.go:\d+ [^\]]*\]\s*/g;

/** One sentence for a person; the error itself went to the debug log. */
export function describeFailure(error: unknown): string {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirInUseError ||
    error instanceof EmbeddedDatabaseUnavailableError
  ) {
    return error.message;
  }
  if (error instanceof Error && /^Mongo(ose)?(ServerSelection|Network)Error$/.test(error.name)) {
    return (
      'the database did not answer: is it running (MONGODB_URI, when set, must point at it)? ' +
      'LOG_LEVEL=debug shows the detail.'
    );
  }
  if (error instanceof Error && error.name.startsWith('Mongo')) {
    return (
      'the database did not accept the writes (it may be restarting): run `npm run seed` again; ' +
      'LOG_LEVEL=debug shows the detail.'
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  const line = message
    .split('\n')[0]
    ?.replace(GO_FRAME, '')
    .replace(/[\s:]+$/, '')
    .trim();
  return line ? `${line} (LOG_LEVEL=debug shows the detail)` : 'unknown error';
}
