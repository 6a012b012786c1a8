import type { ChangeEventHandler } from 'react';

import type { Slot } from '../schemas/expert';
import { slotChoiceValue } from '../schemas/booking-form';
import {
  formatDay,
  formatInViewerZone,
  formatTimeSlot,
  formatTimeZone,
  plural,
  viewerTimeZone,
} from '../utils/format';
import { useHydrated } from '../utils/use-hydrated';
import { ErrorList, type ListOfErrors } from './forms';

export interface SlotDay {
  date: string;
  slots: Slot[];
}

/** Slots arrive oldest first; this keeps that order and starts a new group at each date. */
export function groupSlotsByDate(slots: readonly Slot[]): SlotDay[] {
  const days: SlotDay[] = [];
  for (const slot of slots) {
    const last = days.at(-1);
    if (last?.date === slot.date) last.slots.push(slot);
    else days.push({ date: slot.date, slots: [slot] });
  }
  return days;
}

function slotInputId(name: string, slot: Slot): string {
  return `${name}-${slot.date}-${slot.timeSlot.replace(/\W/g, '')}`;
}

/**
 * One radio group of the coming slots, one sub-group per day. Taken slots stay visible but
 * disabled, so people see the expert is busy rather than wondering where a time went. Times are
 * the expert's; after hydration each slot also says when it starts in the viewer's own zone.
 */
export function SlotPicker({
  name,
  slots,
  timezone,
  defaultValue,
  errors,
  errorId,
  onChange,
}: {
  name: string;
  slots: readonly Slot[];
  timezone: string;
  defaultValue?: string;
  errors?: ListOfErrors;
  errorId: string;
  onChange?: ChangeEventHandler<HTMLInputElement>;
}) {
  const hydrated = useHydrated();
  const viewerZone = hydrated ? viewerTimeZone() : undefined;
  const showViewerTime = viewerZone !== undefined && viewerZone !== timezone;
  const days = groupSlotsByDate(slots);
  const free = slots.filter((slot) => slot.available).length;
  const invalid = Boolean(errors?.some(Boolean));
  const hintId = `${name}-hint`;

  return (
    <fieldset
      className="slot-picker"
      aria-describedby={[hintId, invalid ? errorId : ''].filter(Boolean).join(' ')}
    >
      <legend className="slot-picker__legend">Choose a time slot</legend>
      <p id={hintId} className="field__hint">
        Times are in the expert&apos;s time zone, <strong>{formatTimeZone(timezone)}</strong>.{' '}
        {viewerZone === undefined
          ? null
          : showViewerTime
            ? `Your own time (${formatTimeZone(viewerZone)}) is shown under each slot.`
            : 'That is your time zone too.'}{' '}
        {slots.length > 0 ? `${plural(free, 'free slot')} of ${slots.length}.` : null}
      </p>
      <ErrorList id={invalid ? errorId : undefined} errors={errors} />
      {days.length === 0 ? (
        <p className="empty-note">This expert has no upcoming slots. Please check back later.</p>
      ) : free === 0 ? (
        <p className="empty-note">Every upcoming slot is taken. Please check back later.</p>
      ) : null}
      {days.map((day) => (
        <fieldset key={day.date} className="slot-day">
          <legend className="slot-day__legend">{formatDay(day.date)}</legend>
          <ul className="slot-grid">
            {day.slots.map((slot) => {
              const value = slotChoiceValue(slot);
              const id = slotInputId(name, slot);
              return (
                // Keyed by availability: a slot that was just taken remounts unchecked.
                <li key={`${value}-${slot.available}`} className="slot">
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
                    <span className="slot__time">{formatTimeSlot(slot.timeSlot)}</span>
                    <span className="slot__status">{slot.available ? 'Free' : 'Taken'}</span>
                    {showViewerTime && slot.available ? (
                      <span className="slot__local">
                        Your time: {formatInViewerZone(slot.startsAt, slot.date, viewerZone)}
                      </span>
                    ) : null}
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
    </fieldset>
  );
}
