// Loaded with import() once the editor is interactive, so the adapter stays out of the
// JavaScript the console needs first (as the booking form's checks are).
// eslint-disable-next-line no-restricted-imports
import { parseWithZod } from '@conform-to/zod/v4';

import { AvailabilitySchema } from '../../../shared/schemas/availability';

/**
 * The availability editor's checks in the browser: the schema the server runs, so a fixed field's
 * message goes as it is corrected, and hours are added and removed without a round trip.
 */
export function validateAvailability(formData: FormData) {
  return parseWithZod(formData, { schema: AvailabilitySchema });
}
