/** The statuses an API call may refuse with; the OpenAPI document has one error envelope each. */
export const ERROR_STATUSES = [
  400, 401, 403, 404, 405, 408, 409, 413, 415, 422, 429, 431, 500, 503,
] as const;
export type ErrorStatus = (typeof ERROR_STATUSES)[number];
