// Loaded with import() once the page is interactive (see live-booking-form.tsx), so the adapter
// stays out of the JavaScript the page needs first.
// eslint-disable-next-line no-restricted-imports
import { parseWithZod } from '@conform-to/zod/v4';

import { BookingFormSchema } from '../../shared/schemas/booking-form';

/**
 * The booking form's checks in the browser: the schema the server runs. A module of its own, as
 * the booking form loads it after hydration (Conform's zod adapter brings all of zod with it).
 */
export function validateBookingForm(formData: FormData) {
  return parseWithZod(formData, { schema: BookingFormSchema });
}
