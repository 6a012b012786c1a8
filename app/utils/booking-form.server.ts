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

let constraint: ReturnType<typeof getZodConstraint> | undefined;

/**
 * The form's field constraints (`required`, `maxLength`…), sent to the page by the loader: worked
 * out once, as the schema never changes while the server runs.
 */
export function bookingFormConstraint() {
  constraint ??= getZodConstraint(BookingFormSchema);
  return constraint;
}
