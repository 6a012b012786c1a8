import type { BookingStatus } from '../../shared/schemas/booking';

/** The status in words (never colour alone), tinted so a list can be scanned. */
export function StatusBadge({ status }: { status: BookingStatus }) {
  return <span className={`badge badge--${status.toLowerCase()}`}>{status}</span>;
}
