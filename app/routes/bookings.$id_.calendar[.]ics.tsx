import type { LoaderFunctionArgs } from '@remix-run/node';

import { manageUrl } from '../../shared/schemas/booking-record';
import { isNotFound, notFound, readDomainError } from '../utils/domain-error';
import { PRIVATE_PAGE_HEADERS } from '../utils/private-page';

const NOT_FOUND = 'This calendar file opens only through the booking’s private link.';

/** `/bookings/:id/calendar.ics?token=…`: the booking's event, for any calendar app to import. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  if (!context.bookingCalendar) throw notFound(NOT_FOUND);
  try {
    const booking = await context.services.bookings.getByManageLink(params.id, token);
    const file = context.bookingCalendar({ booking, manageUrl: manageUrl(booking.id, token) });
    return new Response(file, {
      headers: {
        ...PRIVATE_PAGE_HEADERS,
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': `attachment; filename="expert-booking-${booking.id}.ics"`,
      },
    });
  } catch (error) {
    if (isNotFound(readDomainError(error))) throw notFound(NOT_FOUND);
    throw error;
  }
}
