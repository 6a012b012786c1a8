import * as z from 'zod/mini';

import { ERROR_STATUS, HTTP_ERROR_STATUS, type ErrorCode } from '../../shared/schemas/error-codes';

const ERROR_CODES = [...Object.keys(ERROR_STATUS), ...Object.keys(HTTP_ERROR_STATUS)] as [
  ErrorCode,
  ...ErrorCode[],
];

/**
 * Every error the JSON API answers, whatever the status: a sentence for people, a code for
 * programs, the problem of each field for validation errors, and the request id of a 500 to quote.
 */
export const ApiErrorSchema = z.object({
  message: z.string(),
  code: z.enum(ERROR_CODES),
  fields: z.optional(z.record(z.string(), z.string())),
  requestId: z.optional(z.string()),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
