import { isNotFound, notFound, readDomainError } from './domain-error';
import { failureReply, type Reply } from './failure-reply.server';

/**
 * A console form's service failure as the page shows it: field problems next to their fields,
 * "not found" as the 404 page, anything else rethrown for the error boundary (403 included).
 * Forms parse with the service's own schema first, so field problems are rare here: a rule only
 * the service can check.
 */
export function replyWithFailure(error: unknown, reply: Reply, notFoundText: string) {
  const failure = readDomainError(error);
  if (!failure) throw error;
  if (isNotFound(failure)) throw notFound(notFoundText);
  if (failure.code === 'FORBIDDEN') {
    throw new Response(failure.message, { status: 403, statusText: 'Forbidden' });
  }
  if (failure.code !== 'VALIDATION_ERROR') throw error;
  return failureReply(failure, reply, { formMessage: 'always' });
}

/** A loader's service failure: 404 page for "not found", 403 page for "not yours", else rethrown. */
export function throwPageFailure(error: unknown, notFoundText: string): never {
  const failure = readDomainError(error);
  if (isNotFound(failure)) throw notFound(notFoundText);
  if (failure?.code === 'FORBIDDEN') {
    throw new Response(failure.message, { status: 403, statusText: 'Forbidden' });
  }
  throw error;
}

/**
 * Where a console form goes after a save: its page again, marked with the moment of the save. The
 * page shows "Saved" and keys its form by the mark, so the form starts afresh from what was
 * stored instead of keeping the state (and any old messages) of the attempts before.
 */
export function afterSave(pathname: string): string {
  return `${pathname}?saved=${Date.now()}`;
}

/** The save mark of `afterSave`, or null when the page was not reached by a save. */
export function savedMark(request: Request): string | null {
  return new URL(request.url).searchParams.get('saved');
}
