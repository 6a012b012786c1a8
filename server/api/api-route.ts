import type { Request } from 'express';
import type * as z from 'zod/mini';

import type { Services } from '../services';
import type { Caller } from './caller-auth';
import type { ErrorStatus } from './error-statuses';

/** What a handler reads of its request: raw, as the services validate every input themselves. */
export interface ApiCall<Who> {
  params: Record<string, string>;
  query: Request['query'];
  body: unknown;
  header(name: string): string | undefined;
  caller: Who;
}

/**
 * One call of the JSON API, declared once: the Express router (router.ts) and the OpenAPI
 * document (openapi.ts) are both generated from these.
 */
export interface ApiRouteSpec<Answer extends z.core.$ZodType, Who> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Under `/api`, with OpenAPI's `{name}` for path parameters. */
  path: string;
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  params?: z.core.$ZodObject;
  query?: z.core.$ZodObject;
  headers?: z.core.$ZodObject;
  /** A JSON body; `limitBytes` when the default (16 KB) is too small for it. */
  body?: { schema: z.core.$ZodType; limitBytes?: number };
  caller: Caller<Who>;
  answer: { status: 200 | 201; description: string; schema: Answer };
  /**
   * The statuses of the call's own rules; those of reading a body and of refusing the caller
   * are added from `body` and `caller`.
   */
  errors: ErrorStatus[];
  handle(call: ApiCall<Who>, services: Services): Promise<z.output<Answer>>;
}

export type ApiRoute = ApiRouteSpec<z.core.$ZodType, unknown>;

/** Checks a route's handler against its answer schema and caller, then files it with the rest. */
export function apiRoute<Answer extends z.core.$ZodType, Who>(
  spec: ApiRouteSpec<Answer, Who>,
): ApiRoute {
  return spec as unknown as ApiRoute;
}

/** The statuses of reading a JSON body: malformed or invalid, too large, not JSON. */
const BODY_ERRORS: ErrorStatus[] = [400, 413, 415];

/** Every status a call may refuse with because of its rules, its body or its caller. */
export function errorStatusesOf(route: ApiRoute): ErrorStatus[] {
  return [
    ...new Set([...route.errors, ...(route.body ? BODY_ERRORS : []), ...route.caller.statuses]),
  ];
}
