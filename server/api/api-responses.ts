import * as z from 'zod/mini';

import { ApiErrorSchema } from './api-error';
import { AvailabilitySchema } from '../../shared/schemas/availability';
import {
  BookingSchema,
  BookingSummarySchema,
  CreatedBookingSchema,
} from '../../shared/schemas/booking-record';
import { ExpertSchema, ExpertSummarySchema, PaginationSchema } from '../../shared/schemas/expert';
import {
  ConsoleReviewSchema,
  PublicReviewSchema,
  ReviewPageSchema,
} from '../../shared/schemas/review';

/**
 * The success answers of the JSON API: `{ data }`, and lists of experts add `pagination`. The
 * router sends each through its schema's type, and the OpenAPI document is built from them.
 */
function dataOf<Schema extends z.core.$ZodType>(schema: Schema) {
  return z.object({ data: schema });
}

export const ExpertListResponseSchema = z.object({
  data: z.array(ExpertSummarySchema),
  pagination: PaginationSchema,
});
export const ExpertResponseSchema = dataOf(ExpertSchema);
export const AvailabilityResponseSchema = dataOf(AvailabilitySchema);
export const CreatedBookingResponseSchema = dataOf(CreatedBookingSchema);
export const BookingResponseSchema = dataOf(BookingSchema);
export const BookingSummariesResponseSchema = dataOf(z.array(BookingSummarySchema));
export const ReviewResponseSchema = dataOf(PublicReviewSchema);
export const ReviewListResponseSchema = ReviewPageSchema;
export const ConsoleReviewResponseSchema = dataOf(ConsoleReviewSchema);

/** `GET /healthz`: the process answers. */
export const LivenessSchema = z.object({ status: z.literal('ok') });

/** `GET /readyz`: the database answers a ping. */
export const ReadinessSchema = z.object({ status: z.literal('ready') });

/** `GET /readyz` while the database does not answer: the usual error with its own status. */
export const NotReadySchema = z.extend(ApiErrorSchema, { status: z.literal('unavailable') });
