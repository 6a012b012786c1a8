import type { Slot } from '../../../shared/schemas/expert';
import type { UnavailableReason } from '../../../shared/schemas/slot-reasons';
import { formatDay, formatShortDay, formatTimeSlot, formatTimeZone } from '../../../shared/format';
import { groupSlotsByDay } from '../../../shared/time/slot-days';

/** The preview of one session length: the next days' slots of that length. */
export interface LengthPreview {
  sessionMinutes: number;
  slots: Slot[];
}

/** Why a previewed slot cannot be booked, in a word or two. */
const REASON_TEXT: Record<UnavailableReason, string> = {
  booked: 'booked',
  day_full: 'day full',
  past: 'past',
  too_soon: 'too soon',
};

function previewNote(draft: LengthPreview[] | null | undefined): string {
  if (draft === undefined) return 'as clients see them now';
  if (draft === null) return 'as saved: the changes are not valid rules yet';
  return 'with your changes, once saved';
}

function PreviewSlots({ slots }: { slots: Slot[] }) {
  return (
    <ul className="preview-day__slots">
      {slots.map((slot) => (
        <li
          key={slot.timeSlot}
          className={slot.available ? 'preview-slot' : 'preview-slot preview-slot--taken'}
        >
          {formatTimeSlot(slot.timeSlot)}
          {slot.reason ? (
            <span className="preview-slot__reason"> ({REASON_TEXT[slot.reason]})</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** `[60, 30, 90]` → `30, 60 and 90-minute sessions`. */
function lengthsText(lengths: number[]): string {
  const sorted = [...lengths].sort((a, b) => a - b);
  const last = sorted.pop();
  return `${sorted.length ? `${sorted.join(', ')} and ` : ''}${last}-minute sessions`;
}

export function Preview({
  saved,
  draft,
  timezone,
}: {
  saved: LengthPreview[];
  /** The slots of the rules being edited: undefined before any change, null while invalid. */
  draft: LengthPreview[] | null | undefined;
  timezone: string;
}) {
  const lengths = (draft ?? saved).map(({ sessionMinutes, slots }) => ({
    sessionMinutes,
    days: groupSlotsByDay(slots),
  }));
  const several = lengths.length > 1;
  const dates = [...new Set(lengths.flatMap(({ days }) => days.map((day) => day.date)))].sort();
  return (
    <section className="card stack" aria-labelledby="preview-title">
      <h2 id="preview-title">The next 7 days</h2>
      <p className="muted">
        {lengths.length
          ? `${lengthsText(lengths.map((length) => length.sessionMinutes))}, in `
          : ''}
        {formatTimeZone(timezone)} time, {previewNote(draft)}.
      </p>
      {dates.length === 0 ? (
        <p>No slots in the next 7 days.</p>
      ) : (
        <ul className="preview-days">
          {dates.map((date) => (
            <li key={date} className="preview-day">
              <h3 className="preview-day__date">{formatShortDay(date)}</h3>
              {lengths.map(({ sessionMinutes, days }) => {
                const day = days.find((candidate) => candidate.date === date);
                if (!day) return null;
                return several ? (
                  <div key={sessionMinutes} className="preview-length">
                    <h4 className="preview-length__name">{sessionMinutes} minutes</h4>
                    <PreviewSlots slots={day.slots} />
                  </div>
                ) : (
                  <PreviewSlots key={sessionMinutes} slots={day.slots} />
                );
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function OutsideRules({ bookings }: { bookings: { date: string; timeSlot: string }[] }) {
  if (bookings.length === 0) return null;
  return (
    <section className="notice" aria-labelledby="outside-title">
      <h2 id="outside-title" className="notice__title">
        Bookings outside these hours
      </h2>
      <p>
        These sessions were booked before the hours changed. They stay booked, and nobody else can
        take their slots; cancel them from Bookings if you cannot make them.
      </p>
      <ul>
        {bookings.map((booking) => (
          <li key={`${booking.date} ${booking.timeSlot}`}>
            {formatDay(booking.date)}, {formatTimeSlot(booking.timeSlot)}
          </li>
        ))}
      </ul>
    </section>
  );
}
