import { useFetcher } from '@remix-run/react';
import { useEffect, useRef } from 'react';

import type { ConsoleActionResult, ConsoleBooking } from '../../../shared/schemas/console-bookings';
import { useErrorTitle } from '../../utils/error-title';
import { formatDay, formatTimeSlot, formatTimeZone } from '../../../shared/format';
import { CsrfField } from '../csrf-field';
import { HistoryEntries } from '../history-entries';
import { StatusBadge } from '../status-badge';
import { useAnnounce } from './announcer';

/** The actions a single button does; Cancel asks for a reason first. */
const ONE_CLICK_ACTIONS = [
  { intent: 'confirm', label: 'Confirm', className: 'button button--primary button--small' },
  { intent: 'complete', label: 'Complete', className: 'button button--small' },
] as const;

const BY = { client: 'the client', admin: 'an administrator', expert: 'the expert' } as const;

/** Names the row for a button's accessible name: many rows have a Confirm button. */
function rowName(booking: ConsoleBooking): string {
  return `${booking.name}, ${formatDay(booking.date)} ${formatTimeSlot(booking.timeSlot)}`;
}

function History({ booking }: { booking: ConsoleBooking }) {
  if (booking.history.length === 0) return <span className="muted">No changes</span>;
  return (
    <details className="console-history">
      <summary>
        {booking.history.length === 1 ? '1 change' : `${booking.history.length} changes`}
      </summary>
      <HistoryEntries history={booking.history} by={BY} />
    </details>
  );
}

const REMINDER_NAMES = { '24h': 'Reminder 24 h before', '1h': 'Reminder 1 h before' } as const;

/** Whether the client was reminded: each reminder and how it fared (none on older bookings). */
function Reminders({ booking }: { booking: ConsoleBooking }) {
  if (booking.reminders.length === 0) return null;
  return (
    <ul className="console-reminders muted">
      {booking.reminders.map((reminder) => (
        <li key={reminder.kind}>
          {REMINDER_NAMES[reminder.kind]}: {reminder.status}
        </li>
      ))}
    </ul>
  );
}

/**
 * One booking and what may be done with it. Each action is a small POST form (a fetcher with
 * JavaScript, so the page stays put; a plain form without). Its answer shows under the actions
 * and goes to the page's live region; when the button pressed is gone (a confirmed booking has no
 * Confirm), focus moves to the row's time so the keyboard does not fall back to the page's top.
 */
export function BookingRow({
  booking,
  showExpert,
  pageResult,
}: {
  booking: ConsoleBooking;
  showExpert: boolean;
  /** The action's answer when the page itself was the form's answer (no JavaScript). */
  pageResult?: ConsoleActionResult;
}) {
  const fetcher = useFetcher<ConsoleActionResult>();
  const result = fetcher.data ?? (pageResult?.bookingId === booking.id ? pageResult : undefined);
  const announce = useAnnounce();
  const heading = useRef<HTMLTableCellElement>(null);
  const busy = fetcher.state !== 'idle';
  const name = rowName(booking);
  useErrorTitle(result?.ok === false);

  useEffect(() => {
    if (!fetcher.data) return;
    announce(fetcher.data.message);
    const focused = document.activeElement;
    if (!focused || focused === document.body) heading.current?.focus();
  }, [fetcher.data, announce]);

  const hidden = (
    <>
      <CsrfField />
      <input type="hidden" name="bookingId" value={booking.id} />
    </>
  );

  return (
    <tr className="console-row" data-booking-id={booking.id}>
      <th scope="row" data-label="Session" ref={heading} tabIndex={-1}>
        <time dateTime={booking.startsAt} className="block">
          {formatDay(booking.date)}
        </time>
        <span className="block console-row__time">{formatTimeSlot(booking.timeSlot)}</span>
        <span className="block muted">{formatTimeZone(booking.timezone)}</span>
        {booking.overlapsAnother ? (
          <strong className="block console-row__warning">Overlaps another booking</strong>
        ) : null}
      </th>
      {showExpert ? <td data-label="Expert">{booking.expertName}</td> : null}
      <td data-label="Client">{booking.name}</td>
      <td data-label="Contact">
        <a href={`mailto:${booking.email}`} className="block console-row__email">
          {booking.email}
        </a>
        <a href={`tel:${booking.phone.replace(/[^\d+]/g, '')}`} className="block">
          {booking.phone}
        </a>
      </td>
      <td data-label="Notes" className="console-row__notes">
        {booking.notes || <span className="muted">None</span>}
      </td>
      <td data-label="Status">
        <StatusBadge status={booking.status} />
        <Reminders booking={booking} />
      </td>
      <td data-label="History">
        <History booking={booking} />
      </td>
      <td data-label="Actions">
        <div className="console-actions">
          {ONE_CLICK_ACTIONS.filter(({ intent }) => booking.actions.includes(intent)).map(
            ({ intent, label, className }) => (
              <fetcher.Form key={intent} method="post">
                {hidden}
                <button
                  type="submit"
                  name="intent"
                  value={intent}
                  className={className}
                  disabled={busy}
                >
                  {label}
                  <span className="visually-hidden"> {name}</span>
                </button>
              </fetcher.Form>
            ),
          )}
          {booking.actions.includes('cancel') ? (
            <details className="console-cancel">
              <summary className="button button--small">
                Cancel…<span className="visually-hidden"> {name}</span>
              </summary>
              <fetcher.Form method="post" className="console-cancel__form">
                {hidden}
                <label htmlFor={`reason-${booking.id}`} className="field__label">
                  Reason (required; the client reads it)
                </label>
                <textarea
                  id={`reason-${booking.id}`}
                  name="reason"
                  className="input input--textarea"
                  required
                  maxLength={500}
                  rows={2}
                />
                <button
                  type="submit"
                  name="intent"
                  value="cancel"
                  className="button button--danger button--small"
                  disabled={busy}
                >
                  Cancel booking<span className="visually-hidden"> {name}</span>
                </button>
              </fetcher.Form>
            </details>
          ) : null}
        </div>
        {result ? (
          <p className={result.ok ? 'console-result' : 'console-result console-result--error'}>
            {result.message}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
