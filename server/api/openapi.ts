import * as z from 'zod/mini';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';

import { ApiErrorSchema } from '../../app/schemas/api-error';
import {
  AvailabilityResponseSchema,
  BookingResponseSchema,
  BookingSummariesResponseSchema,
  CreatedBookingResponseSchema,
  ExpertListResponseSchema,
  ExpertResponseSchema,
  LivenessSchema,
  NotReadySchema,
  ReadinessSchema,
} from '../../app/schemas/api-responses';
import { AvailabilitySchema, SlotWindowQuerySchema } from '../../app/schemas/availability';
import {
  BookingsByEmailQuerySchema,
  CreateBookingSchema,
  EmailSchema,
  IdempotencyKeySchema,
  StatusChangeSchema,
} from '../../app/schemas/booking';
import {
  BookingSchema,
  BookingSummarySchema,
  CancelBookingSchema,
  CreatedBookingSchema,
  RescheduleBookingSchema,
} from '../../app/schemas/booking-record';
import { errorCodesWithStatus } from '../../app/schemas/error-codes';
import {
  ExpertListQuerySchema,
  ExpertSchema,
  ExpertSummarySchema,
  PaginationSchema,
} from '../../app/schemas/expert';
import { ObjectIdSchema } from '../../app/schemas/fields';
import { RETRY_AFTER_SECONDS } from '../http/error-response';
import { SESSION_COOKIE_NAME } from '../auth';

/**
 * The API's contract as an OpenAPI 3.1 document, generated from the zod schemas the routes
 * parse their input with and type their answers by (zod-openapi), so the two cannot drift. What
 * is written by hand here is only what no schema knows: paths, statuses and who may call.
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

const ERROR_STATUSES = [400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500, 503] as const;
type ErrorStatus = (typeof ERROR_STATUSES)[number];

const STATUS_TEXT: Record<ErrorStatus, string> = {
  400: 'The input is not valid; `fields` names each problem of a validation error.',
  401: 'No credentials were sent (a bearer token; a console session where named), or the session ended.',
  403: 'The bearer token is not valid for this call, or a session was sent from another site.',
  404: 'Nothing was found with that id.',
  405: 'The path does not take this method; `Allow` lists those it takes.',
  409:
    'The slot is taken by another booking, the booking cannot change that way, or the ' +
    '`Idempotency-Key` was sent before with a different request.',
  413: 'The request body is too large (16 KB; 256 KB for availability rules).',
  415: 'The request body is not JSON.',
  422: 'The request is well formed but the slot cannot be booked.',
  429: 'Too many requests from this address; try again after `Retry-After` seconds.',
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

/** Statuses any API call may answer: refused by the limits, or an unexpected failure. */
const ANY_CALL_ERRORS: ErrorStatus[] = [429, 500, 503];

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

const IdPath = z.object({ id: ObjectIdSchema });

function jsonBody(schema: z.core.$ZodType) {
  return { required: true, content: { 'application/json': { schema } } };
}

const ADMIN: Record<string, string[]>[] = [{ adminToken: [] }];
const BOOKING_OWNER: Record<string, string[]>[] = [{ manageToken: [] }, { adminToken: [] }];
const ADMIN_OR_CONSOLE: Record<string, string[]>[] = [{ adminToken: [] }, { consoleSession: [] }];

/** The statuses of a call that reads a JSON body, beyond those of its rules. */
const BODY_ERRORS: ErrorStatus[] = [400, 413, 415];

const operations: Record<string, Record<string, ZodOpenApiOperationObject>> = {
  '/api/experts': {
    get: {
      operationId: 'listExperts',
      tags: ['Experts'],
      summary: 'List experts, a page at a time',
      description:
        '`search` matches the name as literal text, case-insensitively; `category` is exact.',
      requestParams: { query: ExpertListQuerySchema },
      responses: responses(
        { status: 200, description: 'A page of experts.', schema: ExpertListResponseSchema },
        [400],
      ),
    },
  },
  '/api/experts/{id}': {
    get: {
      operationId: 'getExpert',
      tags: ['Experts'],
      summary: "One expert with the slots of a window of days in the expert's zone",
      requestParams: { path: IdPath, query: SlotWindowQuerySchema },
      responses: responses(
        { status: 200, description: 'The expert and the slots.', schema: ExpertResponseSchema },
        [400, 404],
      ),
    },
  },
  '/api/experts/{id}/availability': {
    get: {
      operationId: 'getAvailability',
      tags: ['Availability'],
      summary: "An expert's availability rules",
      requestParams: { path: IdPath },
      responses: responses(
        { status: 200, description: 'The rules.', schema: AvailabilityResponseSchema },
        [400, 404],
      ),
    },
    put: {
      operationId: 'replaceAvailability',
      tags: ['Availability'],
      summary: "Replace an expert's availability rules (admin, or the expert signed in)",
      description:
        'Bookings are never touched: a booked slot the new rules no longer offer stays. A console ' +
        'session reaches only its own expert (404 for any other) and only from this site.',
      security: ADMIN_OR_CONSOLE,
      requestParams: { path: IdPath },
      requestBody: jsonBody(AvailabilitySchema),
      responses: responses(
        { status: 200, description: 'The new rules.', schema: AvailabilityResponseSchema },
        [...BODY_ERRORS, 401, 403, 404],
      ),
    },
  },
  '/api/bookings': {
    post: {
      operationId: 'createBooking',
      tags: ['Bookings'],
      summary: 'Book a slot',
      description:
        'Answers the private manage token once. Repeating an attempt with the same ' +
        '`Idempotency-Key` and the very same body answers the booking it made, with a fresh ' +
        'manage token; the same key and email with any other body answers 409 ' +
        '`IDEMPOTENCY_KEY_REUSED` and nothing of that booking.',
      requestParams: {
        header: z.object({ 'Idempotency-Key': z.optional(IdempotencyKeySchema) }),
      },
      requestBody: jsonBody(CreateBookingSchema),
      responses: responses(
        { status: 201, description: 'The booking.', schema: CreatedBookingResponseSchema },
        [...BODY_ERRORS, 404, 409, 422],
      ),
    },
    get: {
      operationId: 'listBookingsByEmail',
      tags: ['Bookings'],
      summary:
        'Bookings of an email address, soonest first, with nothing personal (the manage token ' +
        'of one of its bookings, or the admin token)',
      description:
        'Without proof of the address the answer is 401, the same for every address, so it ' +
        'tells nobody whether the address has bookings. The manage token of any booking of ' +
        'the address proves it.',
      security: BOOKING_OWNER,
      requestParams: { query: BookingsByEmailQuerySchema },
      responses: responses(
        { status: 200, description: 'The bookings.', schema: BookingSummariesResponseSchema },
        [400, 401],
      ),
    },
  },
  '/api/bookings/{id}': {
    get: {
      operationId: 'getBooking',
      tags: ['Bookings'],
      summary: 'One booking (its manage token or the admin token)',
      security: BOOKING_OWNER,
      requestParams: { path: IdPath },
      responses: responses(
        { status: 200, description: 'The booking.', schema: BookingResponseSchema },
        [400, 401, 403, 404],
      ),
    },
  },
  '/api/bookings/{id}/cancel': {
    post: {
      operationId: 'cancelBooking',
      tags: ['Bookings'],
      summary: 'Cancel a booking (its manage token or the admin token)',
      description: 'The slot is free at once. Cancelling a cancelled booking answers it unchanged.',
      security: BOOKING_OWNER,
      requestParams: { path: IdPath },
      requestBody: jsonBody(CancelBookingSchema),
      responses: responses(
        { status: 200, description: 'The cancelled booking.', schema: BookingResponseSchema },
        [...BODY_ERRORS, 401, 403, 404, 409],
      ),
    },
  },
  '/api/bookings/{id}/reschedule': {
    post: {
      operationId: 'rescheduleBooking',
      tags: ['Bookings'],
      summary: 'Move a booking to another slot of its expert (its manage token or the admin token)',
      security: BOOKING_OWNER,
      requestParams: { path: IdPath },
      requestBody: jsonBody(RescheduleBookingSchema),
      responses: responses(
        { status: 200, description: 'The moved booking.', schema: BookingResponseSchema },
        [...BODY_ERRORS, 401, 403, 404, 409, 422],
      ),
    },
  },
  '/api/bookings/{id}/status': {
    patch: {
      operationId: 'changeBookingStatus',
      tags: ['Bookings'],
      summary: "Change a booking's status (admin): Pending → Confirmed → Completed, or Cancelled",
      security: ADMIN,
      requestParams: { path: IdPath },
      requestBody: jsonBody(StatusChangeSchema),
      responses: responses(
        { status: 200, description: 'The changed booking.', schema: BookingResponseSchema },
        [...BODY_ERRORS, 401, 403, 404, 409],
      ),
    },
  },
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
      paths: operations,
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
