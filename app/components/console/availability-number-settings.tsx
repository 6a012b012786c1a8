import type { FieldMetadata } from '@conform-to/react';

import { AVAILABILITY_LIMITS as LIMITS } from '../../../shared/schemas/availability';
import { controlProps, NumberField } from '../forms';

type SettingName =
  | 'minimumNoticeMinutes'
  | 'cancellationNoticeMinutes'
  | 'horizonDays'
  | 'startEveryMinutes'
  | 'maxSessionsPerDay'
  | 'bufferBeforeMinutes'
  | 'bufferAfterMinutes';

interface NumberSetting {
  name: SettingName;
  label: string;
  hint: string;
  min: number;
  max: number;
  step?: number;
  /** False for a setting whose empty field means "none" (no limit, each length's own step). */
  required?: boolean;
}

/** How soon and how far ahead clients can book, and until when they can change a booking. */
export const BOOKING_WINDOW: NumberSetting[] = [
  {
    name: 'minimumNoticeMinutes',
    label: 'Minimum notice (minutes)',
    hint: 'How soon before a session it can still be booked, e.g. 120.',
    min: 0,
    max: 43200,
  },
  {
    name: 'cancellationNoticeMinutes',
    label: 'Cancellation notice (minutes)',
    hint: 'How long before a session clients can no longer cancel or reschedule it themselves, e.g. 1440 for a day; 0 for any time. Bookings keep the notice they were made with.',
    min: 0,
    max: LIMITS.maxCancellationNoticeMinutes,
  },
  {
    name: 'horizonDays',
    label: 'Booking horizon (days)',
    hint: 'How many days ahead clients can book.',
    min: 1,
    max: 365,
  },
];

/** When sessions may start, the free time around them, and how many fit in a day. */
export const STARTS_AND_LIMITS: NumberSetting[] = [
  {
    name: 'startEveryMinutes',
    label: 'Start every (minutes)',
    hint: 'Sessions may start this often, e.g. 30. Empty: each length starts when the last session of that length ends.',
    min: LIMITS.minStartEveryMinutes,
    max: LIMITS.maxStartEveryMinutes,
    step: 5,
    required: false,
  },
  {
    name: 'maxSessionsPerDay',
    label: 'Sessions per day',
    hint: 'The most sessions of any length on one day. Empty: no limit.',
    min: 1,
    max: LIMITS.maxSessionsPerDay,
    required: false,
  },
  {
    name: 'bufferBeforeMinutes',
    label: 'Buffer before (minutes)',
    hint: 'Free time kept before each session, e.g. 10.',
    min: 0,
    max: LIMITS.maxBufferMinutes,
    step: 5,
  },
  {
    name: 'bufferAfterMinutes',
    label: 'Buffer after (minutes)',
    hint: 'Free time kept after each session, e.g. 15.',
    min: 0,
    max: LIMITS.maxBufferMinutes,
    step: 5,
  },
];

/** One number field per setting, each with its hint and its errors. */
export function NumberSettings({
  fields,
  settings,
}: {
  fields: Record<SettingName, FieldMetadata<number | undefined>>;
  settings: NumberSetting[];
}) {
  return (
    <>
      {settings.map(({ name, label, hint, min, max, step = 1, required = true }) => {
        const field = fields[name];
        return (
          <NumberField
            key={`${name}-${field.key ?? ''}`}
            label={label}
            hint={hint}
            errors={field.errors}
            inputProps={{ ...controlProps(field), min, max, step, required }}
          />
        );
      })}
    </>
  );
}
