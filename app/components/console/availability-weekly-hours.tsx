import type { FieldMetadata } from '@conform-to/react';

import type { Availability } from '../../../shared/schemas/availability';
import { WEEKDAYS } from '../../../shared/schemas/availability-options';
import { IntervalList } from './availability-interval-list';
import type { AvailabilityForm, ListIntent } from './availability-list-changes';

function capitalised(day: string): string {
  return day[0]!.toUpperCase() + day.slice(1);
}

/** Each weekday's working hours, in the expert's zone. */
export function WeeklyHours({
  form,
  weeklyHours,
  reloadedAfter,
}: {
  form: AvailabilityForm;
  weeklyHours: FieldMetadata<Availability['weeklyHours']>;
  reloadedAfter: ListIntent | null;
}) {
  const weekly = weeklyHours.getFieldset();
  return (
    <fieldset className="editor__group">
      <legend>Weekly hours</legend>
      <p className="field__hint">
        Several blocks a day are fine (e.g. 09:00–12:00 and 13:00–17:00); 24:00 ends a day.
      </p>
      {WEEKDAYS.map((day) => (
        <fieldset key={day} className="weekday">
          <legend className="weekday__name">{capitalised(day)}</legend>
          <IntervalList
            form={form}
            list={weekly[day]}
            label={capitalised(day)}
            emptyText="Not working."
            reloadedAfter={reloadedAfter}
          />
        </fieldset>
      ))}
    </fieldset>
  );
}
