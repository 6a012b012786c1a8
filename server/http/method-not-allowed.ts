import type { RequestHandler } from 'express';

import { toErrorResponse, HttpError } from './error-response';

/** The calls of a path: its OpenAPI template (`/api/experts/{id}`) and the methods it takes. */
export type PathMethods = Record<string, string[]>;

function pathPattern(template: string): RegExp {
  const escaped = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${escaped}/?$`);
}

/**
 * Answers `405 Method Not Allowed` with the `Allow` header when a known path is asked with a
 * method it does not take (rather than a 404 that says the path does not exist). The paths and
 * methods come from the OpenAPI document, so the two always agree. HEAD goes wherever GET does.
 */
export function methodNotAllowed(paths: PathMethods): RequestHandler {
  const known = Object.entries(paths).map(([template, methods]) => {
    const allowed = methods.map((method) => method.toUpperCase());
    if (allowed.includes('GET')) allowed.push('HEAD');
    return { pattern: pathPattern(template), allowed };
  });
  return (req, res, next) => {
    const match = known.find(({ pattern }) => pattern.test(req.path));
    if (!match || match.allowed.includes(req.method)) return next();
    const { status, body } = toErrorResponse(
      // Nothing of the address is said back; the method is one Node's parser knows.
      new HttpError(
        'METHOD_NOT_ALLOWED',
        `This address does not take ${req.method}: Allow lists the methods it does.`,
      ),
    );
    res.status(status).set('Allow', match.allowed.join(', ')).json(body);
  };
}
