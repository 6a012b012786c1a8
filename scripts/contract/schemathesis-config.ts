/** Ids that exist in the database the contract test runs against. */
export interface KnownIds {
  expertIds: string[];
  bookingIds: string[];
}

const NEGATIVE_REJECTED = [
  '400',
  '401',
  '403',
  '404',
  '405',
  '406',
  '409',
  '415',
  '422',
  '428',
  '429',
];
const POSITIVE_ACCEPTED = ['2xx', '3xx', '401', '403', '404', '409', '429'];

const list = (values: string[]) => `[${values.map((value) => JSON.stringify(value)).join(', ')}]`;

/**
 * Schemathesis' settings for the run (TOML). Every check stays on, as by default; where a check's
 * expected statuses are widened, the comment says which rule JSON Schema cannot state. Real ids
 * are offered for half of the generated ids, so calls get past "not found" to their rules; the
 * other half stay random, so unknown and malformed ids are tried too.
 */
export function schemathesisConfig({ expertIds, bookingIds }: KnownIds): string {
  return `
# A body over the size limit is refused whatever its shape: 413 is a rejection, and a body that
# fits the schema can still be too large (the schema lets objects carry unknown fields).
[checks.negative_data_rejection]
expected-statuses = ${list([...NEGATIVE_REJECTED, '413'])}

[checks.positive_data_acceptance]
expected-statuses = ${list([...POSITIVE_ACCEPTED, '413'])}

[dictionaries.expert-ids]
values = ${list(expertIds)}

[dictionaries.booking-ids]
values = ${list(bookingIds)}

# The list's availability filters depend on each other (a part of the day or from/to only with a
# day, not both, "to" after "from"), and a zone must be one the IANA database knows: the server
# checks these (400 VALIDATION_ERROR naming the field), JSON Schema cannot state them.
[[operations]]
include-path = "/api/experts"
include-method = "GET"
[operations.checks.positive_data_acceptance]
expected-statuses = ${list([...POSITIVE_ACCEPTED, '400'])}

[[operations]]
include-path-regex = "^/api/experts/"
parameters = { "path.id" = { dictionary = "expert-ids", probability = 0.5 } }

# Whether a slot is offered depends on the expert's rules and the clock (422 SLOT_UNAVAILABLE),
# and a slot's end must come after its start, which a pattern cannot say (400).
[[operations]]
include-path = "/api/bookings"
include-method = "POST"
parameters = { "body.expertId" = { dictionary = "expert-ids", probability = 0.5 } }
[operations.checks.positive_data_acceptance]
expected-statuses = ${list([...POSITIVE_ACCEPTED, '413', '400', '422'])}

[[operations]]
include-path-regex = "^/api/bookings/[^/]+/reschedule$"
parameters = { "path.id" = { dictionary = "booking-ids", probability = 0.5 } }
[operations.checks.positive_data_acceptance]
expected-statuses = ${list([...POSITIVE_ACCEPTED, '413', '400', '422'])}

[[operations]]
include-path-regex = "^/api/bookings/[^/]+(/cancel|/status)?$"
parameters = { "path.id" = { dictionary = "booking-ids", probability = 0.5 } }

# Rules across fields (intervals at least one session long, not overlapping, one override per
# date) are checked by the server only (400 VALIDATION_ERROR naming the field).
[[operations]]
include-path = "/api/experts/{id}/availability"
include-method = "PUT"
parameters = { "path.id" = { dictionary = "expert-ids", probability = 0.5 } }
[operations.checks.positive_data_acceptance]
expected-statuses = ${list([...POSITIVE_ACCEPTED, '413', '400'])}
`;
}
