import * as z from 'zod/mini';

import {
  AvailabilityResponseSchema,
  BookingResponseSchema,
  BookingSummariesResponseSchema,
  ConsoleReviewResponseSchema,
  CreatedBookingResponseSchema,
  ExpertListResponseSchema,
  ExpertResponseSchema,
  ReviewListResponseSchema,
  ReviewResponseSchema,
} from './api-responses';
import { AvailabilitySchema, SlotWindowQuerySchema } from '../../shared/schemas/availability';
import {
  BookingsByEmailQuerySchema,
  CreateBookingSchema,
  IdempotencyKeySchema,
} from '../../shared/schemas/booking';
import {
  CancelBookingSchema,
  RescheduleBookingSchema,
  StatusChangeSchema,
} from '../../shared/schemas/booking-record';
import { ExpertListQuerySchema } from '../../shared/schemas/expert';
import { ObjectIdSchema } from '../../shared/schemas/fields';
import {
  HideReviewSchema,
  ReviewInputSchema,
  ReviewListQuerySchema,
  ReviewReplySchema,
} from '../../shared/schemas/review';
import { apiRoute, type ApiRoute } from './api-route';
import { CALLERS } from './caller-auth';

/**
 * Availability rules may carry 400 date overrides of 12 intervals each (about 180 KB as JSON):
 * the largest rules the schema allows must fit.
 */
export const AVAILABILITY_BODY_LIMIT_BYTES = 256 * 1024;

const IdPath = z.object({ id: ObjectIdSchema });

/**
 * The JSON API, one entry per call. Each handler only reads the request, calls a service and
 * shapes the answer; every rule, validation included, lives in the services shared with the
 * pages (the schemas here are the ones the services parse with, published in the document).
 */
export const API_ROUTES: ApiRoute[] = [
  apiRoute({
    method: 'get',
    path: '/experts',
    operationId: 'listExperts',
    tags: ['Experts'],
    summary: 'List experts, a page at a time',
    description:
      '`search` matches the name as literal text, case-insensitively; `category` is exact. ' +
      '`availableOn` keeps only the experts with a free slot of their default length starting ' +
      "on that day in the viewer's zone `tz` (default UTC), narrowed by `part` " +
      '(morning 06:00–12:00, afternoon 12:00–17:00, evening 17:00–24:00) or `from`/`to` ' +
      '(HH:MM, wall-clock time in `tz`); `pagination.total` counts after the filter. ' +
      '`sort=nextAvailable` puts the soonest free slot first (within the chosen day when ' +
      'filtering), experts with none last; `rating` and `experience` go highest first; the ' +
      'default order is by rating, then name.',
    query: ExpertListQuerySchema,
    caller: CALLERS.anyone,
    answer: { status: 200, description: 'A page of experts.', schema: ExpertListResponseSchema },
    errors: [400],
    handle: async ({ query }, { experts }) => {
      const { items, pagination } = await experts.list(query);
      return { data: items, pagination };
    },
  }),
  apiRoute({
    method: 'get',
    path: '/experts/{id}',
    operationId: 'getExpert',
    tags: ['Experts'],
    summary: "One expert with the slots of a window of days in the expert's zone",
    params: IdPath,
    query: SlotWindowQuerySchema,
    caller: CALLERS.anyone,
    answer: { status: 200, description: 'The expert and the slots.', schema: ExpertResponseSchema },
    errors: [400, 404],
    handle: async ({ params, query }, { experts }) => ({
      data: await experts.get(params.id, query),
    }),
  }),
  apiRoute({
    method: 'get',
    path: '/experts/{id}/availability',
    operationId: 'getAvailability',
    tags: ['Availability'],
    summary: "An expert's availability rules",
    params: IdPath,
    caller: CALLERS.anyone,
    answer: { status: 200, description: 'The rules.', schema: AvailabilityResponseSchema },
    errors: [400, 404],
    handle: async ({ params }, { experts }) => ({
      data: await experts.getAvailability(params.id),
    }),
  }),
  apiRoute({
    method: 'put',
    path: '/experts/{id}/availability',
    operationId: 'replaceAvailability',
    tags: ['Availability'],
    summary: "Replace an expert's availability rules (admin, or the expert signed in)",
    description:
      'Bookings are never touched: a booked slot the new rules no longer offer stays. A console ' +
      'session reaches only its own expert (404 for any other) and only from this site.',
    params: IdPath,
    body: { schema: AvailabilitySchema, limitBytes: AVAILABILITY_BODY_LIMIT_BYTES },
    caller: CALLERS.adminOrConsole,
    answer: { status: 200, description: 'The new rules.', schema: AvailabilityResponseSchema },
    errors: [404],
    handle: async ({ params, body, caller }, { experts }) => ({
      data: await experts.updateAvailability(caller, params.id, body),
    }),
  }),
  apiRoute({
    method: 'post',
    path: '/bookings',
    operationId: 'createBooking',
    tags: ['Bookings'],
    summary: 'Book a slot',
    description:
      'Answers the private manage token once. Repeating an attempt with the same ' +
      '`Idempotency-Key` and the very same body answers the booking it made, with a fresh ' +
      'manage token; the same key and email with any other body answers 409 ' +
      '`IDEMPOTENCY_KEY_REUSED` and nothing of that booking.',
    headers: z.object({ 'Idempotency-Key': z.optional(IdempotencyKeySchema) }),
    body: { schema: CreateBookingSchema },
    caller: CALLERS.anyone,
    answer: { status: 201, description: 'The booking.', schema: CreatedBookingResponseSchema },
    errors: [404, 409, 422],
    handle: async ({ body, header }, { bookings }) => ({
      data: await bookings.create(body, { idempotencyKey: header('idempotency-key') }),
    }),
  }),
  apiRoute({
    method: 'get',
    path: '/bookings',
    operationId: 'listBookingsByEmail',
    tags: ['Bookings'],
    summary:
      'Bookings of an email address, soonest first, with nothing personal (the manage token ' +
      'of one of its bookings, or the admin token)',
    description:
      'Without proof of the address the answer is 401, the same for every address, so it ' +
      'tells nobody whether the address has bookings. The manage token of any booking of ' +
      'the address proves it.',
    query: BookingsByEmailQuerySchema,
    caller: CALLERS.addressOwner,
    answer: { status: 200, description: 'The bookings.', schema: BookingSummariesResponseSchema },
    errors: [400],
    handle: async ({ query, caller }, { bookings }) => ({
      data: await bookings.listByEmail(query, caller),
    }),
  }),
  apiRoute({
    method: 'get',
    path: '/bookings/{id}',
    operationId: 'getBooking',
    tags: ['Bookings'],
    summary: 'One booking (its manage token or the admin token)',
    params: IdPath,
    caller: CALLERS.bookingOwner,
    answer: { status: 200, description: 'The booking.', schema: BookingResponseSchema },
    errors: [400, 404],
    handle: async ({ params, caller }, { bookings }) => ({
      data: await bookings.get(params.id, caller),
    }),
  }),
  apiRoute({
    method: 'post',
    path: '/bookings/{id}/cancel',
    operationId: 'cancelBooking',
    tags: ['Bookings'],
    summary: 'Cancel a booking (its manage token or the admin token)',
    description:
      'The slot is free at once. Cancelling a cancelled booking answers it unchanged. From ' +
      "the booking's `cancellableUntil` on, a manage token gets 409 `TOO_LATE_TO_CHANGE`; the " +
      'admin token may still cancel, with a `reason`. Its reminders are cancelled with it.',
    params: IdPath,
    body: { schema: CancelBookingSchema },
    caller: CALLERS.bookingOwner,
    answer: { status: 200, description: 'The cancelled booking.', schema: BookingResponseSchema },
    errors: [404, 409],
    handle: async ({ params, body, caller }, { bookings }) => ({
      data: await bookings.cancel(params.id, body, caller),
    }),
  }),
  apiRoute({
    method: 'post',
    path: '/bookings/{id}/reschedule',
    operationId: 'rescheduleBooking',
    tags: ['Bookings'],
    summary: 'Move a booking to another slot of its expert (its manage token or the admin token)',
    description:
      'Same id, Pending again; its reminders and `cancellableUntil` move with it (the notice it was made with). From `cancellableUntil` on, a manage token gets 409 `TOO_LATE_TO_CHANGE`.',
    params: IdPath,
    body: { schema: RescheduleBookingSchema },
    caller: CALLERS.bookingOwner,
    answer: { status: 200, description: 'The moved booking.', schema: BookingResponseSchema },
    errors: [404, 409, 422],
    handle: async ({ params, body, caller }, { bookings }) => ({
      data: await bookings.reschedule(params.id, body, caller),
    }),
  }),
  apiRoute({
    method: 'patch',
    path: '/bookings/{id}/status',
    operationId: 'changeBookingStatus',
    tags: ['Bookings'],
    summary: "Change a booking's status (admin): Pending → Confirmed → Completed, or Cancelled",
    params: IdPath,
    body: { schema: StatusChangeSchema },
    caller: CALLERS.admin,
    answer: { status: 200, description: 'The changed booking.', schema: BookingResponseSchema },
    errors: [404, 409],
    handle: async ({ params, body, caller }, { bookings }) => ({
      data: await bookings.changeStatus(params.id, body, caller),
    }),
  }),
  apiRoute({
    method: 'post',
    path: '/bookings/{id}/review',
    operationId: 'reviewBooking',
    tags: ['Reviews'],
    summary: 'Review a completed session, once (its manage token)',
    description:
      'Only the client, with the manage token, reviews; only a `Completed` booking ' +
      '(409 `REVIEW_NOT_ALLOWED` otherwise), and only once (409 `ALREADY_REVIEWED`, also for ' +
      "the loser of two reviews sent at once). The review counts in the expert's `rating` and " +
      '`reviewCount` at once.',
    params: IdPath,
    body: { schema: ReviewInputSchema },
    caller: CALLERS.bookingOwner,
    answer: {
      status: 201,
      description: 'The review as the public sees it.',
      schema: ReviewResponseSchema,
    },
    errors: [404, 409],
    handle: async ({ params, body, caller }, { reviews }) => ({
      data: await reviews.create(params.id, body, caller),
    }),
  }),
  apiRoute({
    method: 'get',
    path: '/experts/{id}/reviews',
    operationId: 'listExpertReviews',
    tags: ['Reviews'],
    summary: "An expert's visible reviews, newest first, a page at a time",
    description:
      "Each names the reviewer by first name and initial and the session by its month in the expert's zone; hidden reviews are left out.",
    params: IdPath,
    query: ReviewListQuerySchema,
    caller: CALLERS.anyone,
    answer: { status: 200, description: 'A page of reviews.', schema: ReviewListResponseSchema },
    errors: [400, 404],
    handle: async ({ params, query }, { reviews }) => reviews.listForExpert(params.id, query),
  }),
  apiRoute({
    method: 'post',
    path: '/reviews/{id}/reply',
    operationId: 'replyToReview',
    tags: ['Reviews'],
    summary: "The expert's one public reply to a review (the expert signed in, or admin)",
    description: 'A second reply answers 409 `REVIEW_NOT_ALLOWED`; another expert gets 404.',
    params: IdPath,
    body: { schema: ReviewReplySchema },
    caller: CALLERS.adminOrConsole,
    answer: {
      status: 200,
      description: 'The review with its reply.',
      schema: ConsoleReviewResponseSchema,
    },
    errors: [404, 409],
    handle: async ({ params, body, caller }, { reviews }) => ({
      data: await reviews.reply(caller, params.id, body),
    }),
  }),
  apiRoute({
    method: 'post',
    path: '/reviews/{id}/hide',
    operationId: 'hideReview',
    tags: ['Reviews'],
    summary: "Hide a review with a reason (admin): kept, out of the list and the expert's rating",
    description: 'Hiding a hidden review answers it unchanged.',
    params: IdPath,
    body: { schema: HideReviewSchema },
    caller: CALLERS.adminOrConsole,
    answer: { status: 200, description: 'The hidden review.', schema: ConsoleReviewResponseSchema },
    errors: [404],
    handle: async ({ params, body, caller }, { reviews }) => ({
      data: await reviews.hide(caller, params.id, body),
    }),
  }),
];
