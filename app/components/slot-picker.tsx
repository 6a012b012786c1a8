import { Link } from '@remix-run/react';
import { useEffect, useRef, type ChangeEventHandler, type ReactNode } from 'react';

import type { UnavailableReason } from '../../shared/schemas/slot-reasons';
import type { Slot } from '../../shared/schemas/expert';
import { slotChoiceValue } from '../utils/slot-choice';
import { formatDay, formatTimeSlot, formatTimeZone } from '../../shared/format';
import { chooseDay, groupSlotsByDay, type SlotDay } from '../../shared/time/slot-days';
import { slotPageHref } from '../../shared/time/slot-window';
import { formatViewerStart } from '../../shared/time/viewer-time';
import { ErrorList, type ListOfErrors } from './forms';

const weekdayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });
const dayMonthFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

function slotInputId(name: string, slot: Slot): string {
  return `${name}-${slot.date}-${slot.timeSlot.replace(/\W/g, '')}`;
}

/** What an unavailable slot says, to the eye and to screen readers alike. */
const REASON_TEXT: Record<UnavailableReason, string> = {
  booked: 'Booked',
  day_full: 'Day full',
  too_soon: 'Too soon',
  past: 'Past',
};

/**
 * A link to another week of the expert's days (`?from=`): a plain link, so paging works without
 * JavaScript. An arrow to the eye, its name to screen readers.
 */
function WeekLink({
  from,
  sessionMinutes,
  label,
  arrow,
}: {
  from: string;
  sessionMinutes?: number;
  label: string;
  arrow: string;
}) {
  return (
    <Link
      to={slotPageHref({ from, sessionMinutes })}
      preventScrollReset
      className="week-link"
      aria-label={label}
    >
      <span aria-hidden="true">{arrow}</span>
    </Link>
  );
}

/**
 * The row of days: links, so it works without JavaScript (each day is the page for that day).
 * With JavaScript Remix follows them without a request (the route skips its loader for another
 * day) and replaces the history entry, so Back leaves the page. It scrolls sideways on its own
 * when the days do not fit, keeping the chosen day in view.
 */
function DayRow({
  days,
  chosen,
  from,
  sessionMinutes,
  labelId,
  dayHref,
}: {
  days: SlotDay[];
  chosen?: string;
  from?: string;
  sessionMinutes?: number;
  labelId: string;
  dayHref?: (date: string) => string;
}) {
  const rowRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const row = rowRef.current;
    const current = row?.querySelector<HTMLElement>('[aria-current]');
    if (!row || !current) return;
    // Only the row moves, never the page: scrollIntoView would scroll the window too.
    const left = current.offsetLeft - row.offsetLeft;
    if (left < row.scrollLeft || left + current.offsetWidth > row.scrollLeft + row.clientWidth) {
      row.scrollLeft = left - (row.clientWidth - current.offsetWidth) / 2;
    }
  }, [chosen]);

  return (
    <ul className="day-row" aria-labelledby={labelId} ref={rowRef}>
      {days.map((day) => {
        const instant = new Date(`${day.date}T12:00:00Z`);
        const weekday = weekdayFormat.format(instant);
        const date = dayMonthFormat.format(instant);
        const free = day.free === 0 ? 'full' : `${day.free} free`;
        return (
          <li key={day.date}>
            <Link
              to={
                dayHref ? dayHref(day.date) : slotPageHref({ from, day: day.date, sessionMinutes })
              }
              replace
              preventScrollReset
              discover="none"
              className={day.free === 0 ? 'day day--full' : 'day'}
              aria-current={day.date === chosen ? 'page' : undefined}
              // One phrase for screen readers; the three stacked lines would be read as one word each.
              // It holds the visible words in their order, so people who speak the text they see
              // to their voice control can name the link (WCAG 2.5.3, label in name).
              aria-label={`${weekday} ${date}, ${free}`}
            >
              {/* The spaces keep the three lines three words (and out of sight: flex items). */}
              <span className="day__weekday">{weekday}</span>{' '}
              <span className="day__date">{date}</span> <span className="day__free">{free}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/** The id of the whole choice of a day and a time, for links to it. */
export function slotChoiceId(name: string): string {
  return `${name}-choice`;
}

/**
 * Pick a day, then a time: the row of the expert's coming days (each with how many slots are
 * free), then one radio group of the chosen day's slots. Taken slots stay visible but disabled,
 * so people see the expert is busy rather than wondering where a time went.
 *
 * Times are the expert's (the slot's label is the booking key); each free slot also says when it
 * starts in the viewer's zone. A radio keeps its identity for as long as its slot is listed: one
 * that is taken is disabled in place, never swapped for a new one, so a focused radio is never
 * pulled out of the page (see `BookingFormControl.clearSlot` for how a choice is cleared).
 */
export function SlotPicker({
  name,
  slots,
  timezone,
  viewerZone,
  day,
  defaultValue,
  errors,
  errorId,
  onChange,
  viewerZoneControl,
  from,
  sessionMinutes,
  lengthParam,
  weeks = {},
  dayHref,
}: {
  name: string;
  slots: readonly Slot[];
  /** The expert's zone, in which slots are labelled. */
  timezone: string;
  /** The zone the viewer's own times are shown in; none before the page knows it. */
  viewerZone?: string;
  /** The day whose slots are shown (`YYYY-MM-DD`); the first day with a free slot by default. */
  day?: string;
  defaultValue?: string;
  errors?: ListOfErrors;
  errorId: string;
  onChange?: ChangeEventHandler<HTMLInputElement>;
  /** How to change the viewer's zone, when the browser cannot say (JavaScript off). */
  viewerZoneControl?: ReactNode;
  /** The week the person chose (`?from=`), kept by the day links; none for the first week. */
  from?: string;
  /** How long the listed sessions are, said above them. */
  sessionMinutes?: number;
  /** The length the page's address names (`?sessionMinutes=`, none for the default one). */
  lengthParam?: number;
  /** The `from` of the weeks before and after, when they hold bookable days. */
  weeks?: { previous?: string; next?: string };
  /**
   * Where a day link leads, when the page's address holds more than the expert page's query
   * (a booking's private link keeps its token and step); the expert page's query by default.
   */
  dayHref?: (date: string) => string;
}) {
  const showViewerTime = viewerZone !== undefined && viewerZone !== timezone;
  const days = groupSlotsByDay(slots);
  const shownDate = chooseDay(days, day);
  const shown = days.find((candidate) => candidate.date === shownDate);
  const free = days.reduce((sum, candidate) => sum + candidate.free, 0);
  const invalid = Boolean(errors?.some(Boolean));
  const hintId = `${name}-hint`;
  const legendId = `${name}-legend`;

  return (
    <fieldset
      id={slotChoiceId(name)}
      // An error summary's link lands here: the legend and the error are read, and Tab goes on
      // to the days and times.
      tabIndex={-1}
      className="slot-picker"
      aria-describedby={[hintId, invalid ? errorId : ''].filter(Boolean).join(' ')}
    >
      <legend className="slot-picker__legend" id={legendId}>
        Choose a day and a time
      </legend>
      <p id={hintId} className="field__hint">
        {sessionMinutes ? (
          <>
            <strong>{sessionMinutes}-minute sessions.</strong>{' '}
          </>
        ) : null}
        Times in <strong>{formatTimeZone(timezone)}</strong>, the expert&apos;s zone
        {viewerZone === undefined
          ? '.'
          : showViewerTime
            ? `; under each, yours (${formatTimeZone(viewerZone)}).`
            : ', which is yours too.'}
      </p>
      {viewerZoneControl}
      <ErrorList id={invalid ? errorId : undefined} errors={errors} />
      {days.length === 0 ? (
        <p className="empty-note">
          This expert has no upcoming slots in these days. Please try another week.
        </p>
      ) : null}
      {days.length > 0 || weeks.previous || weeks.next ? (
        <div className="day-strip">
          {weeks.previous ? (
            <WeekLink
              from={weeks.previous}
              sessionMinutes={lengthParam}
              label="Previous week"
              arrow="‹"
            />
          ) : null}
          {days.length > 0 ? (
            <DayRow
              days={days}
              chosen={shown?.date}
              from={from}
              sessionMinutes={lengthParam}
              labelId={legendId}
              dayHref={dayHref}
            />
          ) : null}
          {weeks.next ? (
            <WeekLink from={weeks.next} sessionMinutes={lengthParam} label="Next week" arrow="›" />
          ) : null}
        </div>
      ) : null}
      {shown ? (
        <fieldset key={shown.date} className="slot-day">
          <legend className="slot-day__legend">{formatDay(shown.date)}</legend>
          {shown.free === 0 ? (
            <p className="empty-note">
              {free === 0
                ? 'Every upcoming slot is taken. Please check back later.'
                : 'Every slot on this day is taken. Please choose another day.'}
            </p>
          ) : null}
          <ul className="slot-grid">
            {shown.slots.map((slot) => {
              const value = slotChoiceValue(slot);
              const id = slotInputId(name, slot);
              return (
                <li key={value} className="slot">
                  <input
                    className="slot__input"
                    type="radio"
                    id={id}
                    name={name}
                    value={value}
                    required
                    disabled={!slot.available}
                    defaultChecked={slot.available && defaultValue === value}
                    aria-describedby={invalid ? errorId : undefined}
                    onChange={onChange}
                  />
                  <label htmlFor={id} className="slot__label">
                    <span className="slot__time">{formatTimeSlot(slot.timeSlot)}</span>{' '}
                    {slot.available ? (
                      <>
                        <span className="visually-hidden">Free</span>
                        {showViewerTime ? (
                          <>
                            {' '}
                            <span className="slot__local">
                              {formatViewerStart(slot.startsAt, slot.date, viewerZone)}
                              {/* The hint above says it once for the eye; each slot says it to the ear. */}
                              <span className="visually-hidden"> your time</span>
                            </span>
                          </>
                        ) : null}
                      </>
                    ) : (
                      <span className="slot__status">{REASON_TEXT[slot.reason ?? 'booked']}</span>
                    )}
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ) : null}
    </fieldset>
  );
}
