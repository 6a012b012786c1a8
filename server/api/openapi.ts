import * as z from 'zod/mini';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';

import { ApiErrorSchema } from './api-error';
import { LivenessSchema, NotReadySchema, ReadinessSchema } from './api-responses';
import { AvailabilitySchema } from '../../shared/schemas/availability';
import { EmailSchema } from '../../shared/schemas/booking';
import {
  BookingSchema,
  BookingSummarySchema,
  CreatedBookingSchema,
} from '../../shared/schemas/booking-record';
import { errorCodesWithStatus } from '../../shared/schemas/error-codes';
import { ExpertSchema, ExpertSummarySchema, PaginationSchema } from '../../shared/schemas/expert';
import { RETRY_AFTER_SECONDS } from '../http/error-response';
import { SESSION_COOKIE_NAME } from '../auth';
import { errorStatusesOf, type ApiRoute } from './api-route';
import { ERROR_STATUSES, type ErrorStatus } from './error-statuses';
import { API_ROUTES } from './routes';

/**
 * The API's contract as an OpenAPI 3.1 document, generated from the route table (routes.ts) that
 * the router is generated from too, and from the zod schemas the services parse their input with
 * and the handlers' answers are typed by (zod-openapi), so the two cannot drift.
 */

const RetryAfterHeaders = z.object({
  'Retry-After': z.string().check(
    z.regex(/^[0-9]+$/),
    z.meta({
      description: 'Seconds to wait before trying again.',
      example: String(RETRY_AFTER_SECONDS),
    }),
  ),
});

const STATUS_TEXT: Record<ErrorStatus, string> = {
  400: 'The input is not valid; `fields` names each problem of a validation error.',
  401: 'No credentials were sent (a bearer token; a console session where named), or the session ended.',
  403: 'The bearer token is not valid for this call, or a session was sent from another site.',
  404: 'Nothing was found with that id.',
  405: 'The path does not take this method; `Allow` lists those it takes.',
  408:
    'The request did not all arrive in time (its headers in 10 s, its body within the request’s ' +
    'deadline, 10 s by default): nothing was done with it, and the connection closes.',
  409:
    'The slot is taken by another booking, the booking cannot change that way, its ' +
    'cancellation notice has begun (`TOO_LATE_TO_CHANGE`: a manage token may no longer cancel ' +
    'or move it; the message names the deadline), or the `Idempotency-Key` was sent before ' +
    'with a different request.',
  413: 'The request body is too large (16 KB; 256 KB for availability rules).',
  415: 'The request body is not JSON.',
  422: 'The request is well formed but the slot cannot be booked.',
  429: 'Too many requests from this address; try again after `Retry-After` seconds.',
  431: 'The request headers are over 16 KB; the connection closes.',
  500: 'An unexpected failure; quote `requestId` when reporting it.',
  503: 'The server is busy or its database does not answer; try again after `Retry-After` seconds.',
};

/** The error envelope with the codes an answer of each status may carry, one component each. */
const ErrorSchemas = Object.fromEntries(
  ERROR_STATUSES.map((status) => {
    const [first, ...rest] = errorCodesWithStatus(status);
    if (!first) throw new Error(`No error code has the status ${status}.`);
    return [`Error${status}`, z.extend(ApiErrorSchema, { code: z.enum([first, ...rest]) })];
  }),
);

function errorResponse(status: ErrorStatus) {
  return {
    description: STATUS_TEXT[status],
    headers: status === 429 || status === 503 ? RetryAfterHeaders : undefined,
    content: { 'application/json': { schema: ErrorSchemas[`Error${status}`]! } },
  };
}

/**
 * Statuses any API call may answer: a request the HTTP parser refused, refused by the limits,
 * or an unexpected failure.
 */
const ANY_CALL_ERRORS: ErrorStatus[] = [408, 429, 431, 500, 503];

function responses(
  success: { status: 200 | 201; description: string; schema: z.core.$ZodType },
  errorStatuses: ErrorStatus[],
): ZodOpenApiResponsesObject {
  const answers: ZodOpenApiResponsesObject = {
    [success.status]: {
      description: success.description,
      content: { 'application/json': { schema: success.schema } },
    },
  };
  for (const status of [...errorStatuses, ...ANY_CALL_ERRORS]) {
    answers[`${status}`] = errorResponse(status);
  }
  return answers;
}

function jsonBody(schema: z.core.$ZodType) {
  return { required: true, content: { 'application/json': { schema } } };
}

function operationOf(route: ApiRoute): ZodOpenApiOperationObject {
  const { params: path, query, headers: header } = route;
  const requestParams = Object.fromEntries(
    Object.entries({ path, query, header }).filter(([, schema]) => schema !== undefined),
  );
  return {
    operationId: route.operationId,
    tags: route.tags,
    summary: route.summary,
    ...(route.description && { description: route.description }),
    ...(route.caller.security && { security: route.caller.security }),
    ...(Object.keys(requestParams).length > 0 && { requestParams }),
    ...(route.body && { requestBody: jsonBody(route.body.schema) }),
    responses: responses(route.answer, errorStatusesOf(route)),
  };
}

/** The calls of the route table, under `/api`, each path with the methods it takes. */
function tableOperations(): Record<string, Record<string, ZodOpenApiOperationObject>> {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {};
  for (const route of API_ROUTES) {
    (paths[`/api${route.path}`] ??= {})[route.method] = operationOf(route);
  }
  return paths;
}

/** Paths answered outside the route table: this document and the health checks. */
const otherOperations: Record<string, Record<string, ZodOpenApiOperationObject>> = {
  '/api/openapi.json': {
    get: {
      operationId: 'getOpenApiDocument',
      tags: ['Contract'],
      summary: 'This document',
      responses: {
        200: {
          description: 'The OpenAPI 3.1 document of the JSON API.',
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
        },
      },
    },
  },
  '/healthz': {
    get: {
      operationId: 'liveness',
      tags: ['Health'],
      summary: 'The process answers',
      responses: {
        200: {
          description: 'Alive.',
          content: { 'application/json': { schema: LivenessSchema } },
        },
      },
    },
  },
  '/readyz': {
    get: {
      operationId: 'readiness',
      tags: ['Health'],
      summary: 'The database answers a ping',
      responses: {
        200: {
          description: 'Ready.',
          content: { 'application/json': { schema: ReadinessSchema } },
        },
        503: {
          description: 'The database does not answer.',
          headers: RetryAfterHeaders,
          content: { 'application/json': { schema: NotReadySchema } },
        },
      },
    },
  },
};

/**
 * Rules a schema's JSON form would lose, added here rather than in the shared schema so the
 * browser bundle does not carry them: the address rule of an email sits after its trim, in the
 * part of the pipe that the input's JSON Schema leaves out.
 */
const LOST_RULES = new Map<z.core.$ZodType, Record<string, unknown>>([
  [EmailSchema, { pattern: z.regexes.email.source }],
]);

/** Builds the document; the app builds it once and serves that copy. */
export function createOpenApiDocument() {
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'Expert Booking API',
        version: '1.0.0',
        description:
          'Book sessions with experts. Every answer is JSON: `{ data }` on success, ' +
          "`{ message, code, fields? }` on error. `date` is `YYYY-MM-DD` in the expert's time " +
          "zone; `timeSlot` is the slot's label as the expert offers it, e.g. `09:00-10:00`.",
      },
      servers: [{ url: '/' }],
      paths: { ...tableOperations(), ...otherOperations },
      components: {
        securitySchemes: {
          adminToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The `ADMIN_TOKEN` the server was started with.',
          },
          manageToken: {
            type: 'http',
            scheme: 'bearer',
            description:
              "A booking's private manage token, answered once when it is created (`manageToken`).",
          },
          consoleSession: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE_NAME,
            description: 'The session of a person signed in at `/login` (an expert or an admin).',
          },
        },
        schemas: {
          Expert: ExpertSchema,
          ExpertSummary: ExpertSummarySchema,
          Pagination: PaginationSchema,
          Availability: AvailabilitySchema,
          Booking: BookingSchema,
          CreatedBooking: CreatedBookingSchema,
          BookingSummary: BookingSummarySchema,
          ...ErrorSchemas,
        },
      },
    },
    {
      override: ({ zodSchema, jsonSchema }) => {
        Object.assign(jsonSchema, LOST_RULES.get(zodSchema));
      },
    },
  );
}

export type OpenApiDocument = ReturnType<typeof createOpenApiDocument>;

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Each documented path with the methods it takes. */
export function documentedMethods(document: OpenApiDocument): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(document.paths ?? {}).map(([template, item]) => [
      template,
      Object.keys(item).filter((key) => HTTP_METHODS.has(key)),
    ]),
  );
}
