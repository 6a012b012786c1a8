import type { BookingHistoryEntry } from '../../shared/schemas/booking-record';
import { describeChange } from '../utils/describe-change';

/**
 * A booking's changes, oldest first: when (UTC), what, by whom and why. `by` names the actors
 * for the reader: the client reads "you" on their own page, the expert "the client".
 */
export function HistoryEntries({
  history,
  by,
  className,
}: {
  history: readonly BookingHistoryEntry[];
  by: Record<BookingHistoryEntry['by'], string>;
  className?: string;
}) {
  return (
    <ol className={className}>
      {history.map((entry, index) => (
        <li key={`${index}-${entry.at}`}>
          <time dateTime={entry.at}>{new Date(entry.at).toUTCString()}</time>:{' '}
          {describeChange(entry)}, by {by[entry.by]}
          {entry.reason ? <span className="block muted">Reason: {entry.reason}</span> : null}
        </li>
      ))}
    </ol>
  );
}
