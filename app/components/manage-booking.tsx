import { Form, Link } from '@remix-run/react';
import { useEffect, useRef, type ReactNode } from 'react';

import type { Booking, BookingHistoryEntry } from '../../shared/schemas/booking-record';
import { formatInstantIn, tooLateToChangeMessage } from '../../shared/time/change-deadline';
import { slotChoiceValue } from '../utils/slot-choice';
import { sessionMinutesOf } from '../../shared/time/slot-length';
import type { Slot } from '../../shared/schemas/expert';
import type { ManageStep } from '../../shared/schemas/manage-booking-form';
import { useErrorTitle } from '../utils/error-title';
import { focusTarget } from '../utils/focus-after-navigation';
import { formatDay, formatTimeSlot, formatTimeZone } from '../../shared/format';
import { useIsPending } from '../utils/use-is-pending';
import { ErrorList, TextareaField } from './forms';
import { announce } from './live-announcer';
import { HistoryEntries } from './history-entries';
import { SlotPicker } from './slot-picker';
import { StatusBadge } from './status-badge';

/** The address of one step of a booking's private page. */
export function stepUrl(
  booking: Pick<Booking, 'id'>,
  token: string,
  step?: string,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams({ token, ...(step ? { step } : {}), ...extra });
  return `/bookings/${booking.id}?${params.toString()}`;
}

const HEADLINES: Record<Booking['status'], string> = {
  Pending: 'Your session is booked',
  Confirmed: 'Your session is confirmed',
  Completed: 'Your session is complete',
  Cancelled: 'This booking is cancelled',
};

export function bookingHeadline(booking: Pick<Booking, 'status'>): string {
  return HEADLINES[booking.status];
}

const STEP_NAMES: Record<ManageStep, string> = {
  reschedule: 'Reschedule',
  'confirm-reschedule': 'Confirm the move',
  cancel: 'Cancel',
};

const STATUS_NAMES: Record<Booking['status'], string> = {
  Pending: 'Booked',
  Confirmed: 'Confirmed',
  Completed: 'Completed',
  Cancelled: 'Cancelled',
};

/** Whether the booking's last change moved it (a move makes it Pending again). */
function lastMoved(history: readonly BookingHistoryEntry[]): boolean {
  const last = history.at(-1);
  return Boolean(
    last && (last.from.date !== last.to.date || last.from.timeSlot !== last.to.timeSlot),
  );
}

/**
 * The private page's title names the step first ("Reschedule: …"), or, between steps, what last
 * happened to the booking ("Booked", "Moved", "Cancelled"): the tab and a screen reader's first
 * words on arriving tell the steps apart.
 */
export function bookingPageTitle(
  booking: Pick<Booking, 'status' | 'expertName' | 'history'>,
  step?: ManageStep,
  reviewed = false,
): string {
  const moved = booking.status === 'Pending' && lastMoved(booking.history);
  const name = step
    ? STEP_NAMES[step]
    : moved
      ? 'Moved'
      : reviewed
        ? 'Reviewed'
        : STATUS_NAMES[booking.status];
  return `${name}: Session with ${booking.expertName} · Expert Booking`;
}

export function BookingDetails({ booking }: { booking: Booking }) {
  return (
    <dl className="details">
      <div>
        <dt>Expert</dt>
        <dd>
          <Link to={`/experts/${booking.expertId}`}>{booking.expertName}</Link>
        </dd>
      </div>
      <div>
        <dt>Date</dt>
        <dd>{formatDay(booking.date)}</dd>
      </div>
      <div>
        <dt>Time slot</dt>
        <dd>
          {formatTimeSlot(booking.timeSlot)}{' '}
          <span className="block muted">{sessionMinutesOf(booking.timeSlot)} minutes</span>
        </dd>
      </div>
      <div>
        <dt>Time zone</dt>
        <dd>{formatTimeZone(booking.timezone)}</dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={booking.status} />
        </dd>
      </div>
      <div>
        <dt>Booked by</dt>
        <dd>
          {booking.name}
          <span className="block muted">{booking.email}</span>
        </dd>
      </div>
    </dl>
  );
}

const BY: Record<BookingHistoryEntry['by'], string> = {
  client: 'you',
  admin: 'an administrator',
  expert: 'the expert',
};

export function BookingHistory({ history }: { history: readonly BookingHistoryEntry[] }) {
  if (history.length === 0) return null;
  return (
    <section aria-labelledby="history-title" className="stack">
      <h2 id="history-title">History</h2>
      <HistoryEntries history={history} by={BY} className="history" />
    </section>
  );
}

/**
 * With JavaScript on, a move announces where the booking went: focus goes to the page's heading,
 * which says the booking is booked but not when.
 */
export function useAnnounceMove(booking: Pick<Booking, 'id' | 'date' | 'timeSlot'>) {
  const shown = useRef(booking);
  useEffect(() => {
    const before = shown.current;
    shown.current = booking;
    const moved = before.date !== booking.date || before.timeSlot !== booking.timeSlot;
    if (before.id === booking.id && moved) {
      announce(
        `Your booking is moved to ${formatDay(booking.date)}, ${formatTimeSlot(booking.timeSlot)}.`,
      );
    }
  }, [booking]);
}

/**
 * Why a change was refused. It takes focus when it appears, and without JavaScript on the load
 * of the page that shows it, so the reason is read first.
 */
export function ChangeErrors({ errors }: { errors?: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useErrorTitle(Boolean(errors?.length));
  useEffect(() => {
    if (errors?.length) ref.current?.focus();
  }, [errors]);
  if (!errors || errors.length === 0) return null;
  return (
    <div className="notice" role="alert" ref={ref} {...focusTarget({ autoFocus: true })}>
      <ErrorList errors={errors} />
    </div>
  );
}

/** A step's frame: its title, what went wrong last time, and the way back to the booking. */
function Step({
  title,
  errors,
  back,
  children,
}: {
  title: string;
  errors?: string[];
  back: string;
  children: ReactNode;
}) {
  return (
    <section className="card stack" aria-labelledby="step-title">
      <h2 id="step-title" {...focusTarget()}>
        {title}
      </h2>
      <ChangeErrors errors={errors} />
      {children}
      <p>
        <Link to={back}>Back to my booking</Link>
      </p>
    </section>
  );
}

export function CancelStep({
  booking,
  token,
  errors,
  zone,
}: {
  booking: Booking;
  token: string;
  errors?: string[];
  /** The viewer's zone, sent with the change so a refusal names its deadline in their time. */
  zone?: string;
}) {
  const pending = useIsPending();
  return (
    <Step title="Cancel this booking?" errors={errors} back={stepUrl(booking, token)}>
      <p>
        Your {formatTimeSlot(booking.timeSlot)} session with {booking.expertName} on{' '}
        {formatDay(booking.date)} will be cancelled and the slot offered to others.
      </p>
      <Form
        method="post"
        action={stepUrl(booking, token, 'cancel', zone ? { tz: zone } : {})}
        className="stack"
      >
        <input type="hidden" name="intent" value="cancel" />
        <input type="hidden" name="token" value={token} />
        <TextareaField
          label="Reason (optional)"
          textareaProps={{ id: 'reason', name: 'reason', maxLength: 500, rows: 3 }}
        />
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Cancelling…' : 'Yes, cancel my booking'}
        </button>
      </Form>
    </Step>
  );
}

export function RescheduleStep({
  booking,
  token,
  slots,
  day,
  errors,
}: {
  booking: Booking;
  token: string;
  slots: readonly Slot[];
  /** The day whose times are shown (`?day=`); the first with a free slot by default. */
  day?: string;
  errors?: string[];
}) {
  const free = slots.filter((slot) => slot.available);
  return (
    <Step title="Choose a new time" errors={errors} back={stepUrl(booking, token)}>
      {free.length === 0 ? (
        <p>{booking.expertName} has no other free slots right now.</p>
      ) : (
        // A GET form: choosing only moves to the confirmation, it changes nothing yet.
        <Form method="get" action={`/bookings/${booking.id}`} className="stack">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="step" value="confirm-reschedule" />
          <SlotPicker
            name="slot"
            slots={slots}
            timezone={booking.timezone}
            sessionMinutes={sessionMinutesOf(slots[0]?.timeSlot ?? booking.timeSlot)}
            errorId="slot-error"
            day={day}
            dayHref={(date) => stepUrl(booking, token, 'reschedule', { day: date })}
          />
          <button type="submit" className="button button--primary">
            Continue
          </button>
        </Form>
      )}
    </Step>
  );
}

export function ConfirmRescheduleStep({
  booking,
  token,
  target,
  errors,
  zone,
}: {
  booking: Booking;
  token: string;
  target: { date: string; timeSlot: string };
  errors?: string[];
  /** The viewer's zone, sent with the change so a refusal names its deadline in their time. */
  zone?: string;
}) {
  const pending = useIsPending();
  const slot = slotChoiceValue(target);
  return (
    <Step title="Move your booking?" errors={errors} back={stepUrl(booking, token)}>
      <p>
        From {formatDay(booking.date)}, {formatTimeSlot(booking.timeSlot)} to{' '}
        <strong>
          {formatDay(target.date)}, {formatTimeSlot(target.timeSlot)}
        </strong>{' '}
        ({formatTimeZone(booking.timezone)}). {booking.expertName} will confirm the new time.
      </p>
      <Form
        method="post"
        action={stepUrl(booking, token, 'confirm-reschedule', {
          slot,
          ...(zone ? { tz: zone } : {}),
        })}
        className="actions"
      >
        <input type="hidden" name="intent" value="reschedule" />
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="slot" value={slot} />
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Moving…' : 'Move my booking'}
        </button>
        <Link className="button" to={stepUrl(booking, token, 'reschedule')}>
          Choose another time
        </Link>
      </Form>
    </Step>
  );
}

const ACTIVE: readonly Booking['status'][] = ['Pending', 'Confirmed'];

/**
 * When the client will be reminded, and until when they may change the booking, in the viewer's
 * zone; once the cancellation notice has begun, the sentence that takes the buttons' place.
 */
export function RemindersAndDeadline({
  booking,
  zone,
  changeClosed,
}: {
  booking: Pick<Booking, 'status' | 'reminders' | 'cancellableUntil'>;
  zone: string;
  changeClosed: boolean;
}) {
  if (!ACTIVE.includes(booking.status)) return null;
  const next = booking.reminders.find((reminder) => reminder.status === 'scheduled');
  const until = booking.cancellableUntil;
  return (
    <div className="stack">
      {next ? (
        <p>We&apos;ll remind you on {formatInstantIn(next.sendAt, zone)} (your time).</p>
      ) : null}
      {until === null ? (
        <p>You can cancel or reschedule any time before the session starts.</p>
      ) : changeClosed ? (
        <p className="notice">{tooLateToChangeMessage(until, zone, { yours: true })}</p>
      ) : (
        <p>
          You can cancel or reschedule until {formatInstantIn(until, zone, ', ')} your time; after
          that, please contact the expert.
        </p>
      )}
    </div>
  );
}

/** What can still be done with the booking: only a Pending or Confirmed booking can change. */
export function ManageActions({ booking, token }: { booking: Booking; token: string }) {
  if (booking.status !== 'Pending' && booking.status !== 'Confirmed') return null;
  return (
    <p className="actions">
      <Link className="button" to={stepUrl(booking, token, 'reschedule')}>
        Reschedule
      </Link>
      <Link className="button" to={stepUrl(booking, token, 'cancel')}>
        Cancel booking
      </Link>
    </p>
  );
}
