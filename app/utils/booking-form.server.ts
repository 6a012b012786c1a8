import { BookingFormSchema } from '../../shared/schemas/booking-form';
import { getZodConstraint, parseWithZod } from './conform-zod.server';

/**
 * The expert page's server side of the booking form. A `.server` module, so the browser build of
 * the page does not carry the schema before it is interactive: the form's checks bring it along
 * when they load after hydration.
 */
export function parseBookingForm(formData: FormData) {
  return parseWithZod(formData, { schema: BookingFormSchema });
}

/** The form's field constraints (`required`, `maxLength`…), sent to the page by the loader. */
export function bookingFormConstraint() {
  return getZodConstraint(BookingFormSchema);
}
