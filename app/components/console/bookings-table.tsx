import type { ConsoleActionResult, ConsoleBooking } from '../../../shared/schemas/console-bookings';
import { BookingRow } from './booking-row';

/**
 * The bookings as a table on a wide screen and as one card per booking on a phone (CSS only:
 * each cell carries its column's name in `data-label`).
 */
export function BookingsTable({
  bookings,
  showExpert,
  pageResult,
}: {
  bookings: ConsoleBooking[];
  showExpert: boolean;
  pageResult?: ConsoleActionResult;
}) {
  const firstStarted = bookings.findIndex((booking) => booking.started);
  return (
    <table className="console-table">
      <caption className="visually-hidden">
        Bookings: coming sessions first, soonest first; then sessions that have started, most recent
        first.
      </caption>
      <thead>
        <tr>
          <th scope="col">Session</th>
          {showExpert ? <th scope="col">Expert</th> : null}
          <th scope="col">Client</th>
          <th scope="col">Contact</th>
          <th scope="col">Notes</th>
          <th scope="col">Status</th>
          <th scope="col">History</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {bookings.map((booking, index) => [
          index === firstStarted ? (
            <tr key="started" className="console-table__divider">
              <th scope="rowgroup" colSpan={showExpert ? 8 : 7}>
                Started or past
              </th>
            </tr>
          ) : null,
          <BookingRow
            key={booking.id}
            booking={booking}
            showExpert={showExpert}
            pageResult={pageResult}
          />,
        ])}
      </tbody>
    </table>
  );
}
