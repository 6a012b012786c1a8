import type { ReactNode } from 'react';

import { groupTimeZones, knownTimeZones, type TimeZoneGroup } from '../utils/time-zones';
import { timeZoneOptionsHtml } from './time-zone-options';

const FORM_ID = 'viewer-zone-form';

let groups: TimeZoneGroup[] | undefined;

/**
 * The form the zone select submits: an empty GET form of its own, rendered outside the booking
 * form (forms cannot nest); the select and its button join it with the `form` attribute.
 */
export function ViewerZoneForm() {
  return (
    <noscript>
      <form id={FORM_ID} method="get" />
    </noscript>
  );
}

/**
 * The select of every zone, grouped by region, with the viewer's chosen: one string of options
 * built per request from a list grouped once, as React would take long over four hundred of them.
 * `form` names the form it belongs to when it stands outside that form.
 */
function ViewerZoneInput({ zone, form }: { zone: string; form?: string }) {
  groups ??= groupTimeZones(knownTimeZones());
  return (
    <select
      id="viewer-zone"
      name="tz"
      form={form}
      className="input"
      dangerouslySetInnerHTML={{ __html: timeZoneOptionsHtml(groups, zone) }}
    />
  );
}

/**
 * Without JavaScript the page cannot know the viewer's zone: the zone select, under its label,
 * lets the person choose (the server remembers it in a cookie). With JavaScript the browser's own
 * zone is used and the select never shows. `children` follow the select.
 */
export function ViewerZoneField({
  zone,
  form,
  className,
  labelClassName,
  children,
}: {
  zone: string;
  form?: string;
  className: string;
  labelClassName: string;
  children?: ReactNode;
}) {
  return (
    <noscript>
      <div className={className}>
        <label htmlFor="viewer-zone" className={labelClassName}>
          Your time zone
        </label>
        <ViewerZoneInput zone={zone} form={form} />
        {children}
      </div>
    </noscript>
  );
}

/** The zone field with a button of its own, for a page whose other form it cannot join. */
export function ViewerZoneSelect({
  zone,
  day,
  from,
  sessionMinutes,
}: {
  zone: string;
  day?: string;
  from?: string;
  /** The length the page's address names, kept like the week and the day. */
  sessionMinutes?: number;
}) {
  return (
    <ViewerZoneField
      zone={zone}
      form={FORM_ID}
      className="zone-picker"
      labelClassName="zone-picker__label"
    >
      {sessionMinutes ? (
        <input type="hidden" name="sessionMinutes" value={sessionMinutes} form={FORM_ID} />
      ) : null}
      {from ? <input type="hidden" name="from" value={from} form={FORM_ID} /> : null}
      {day ? <input type="hidden" name="day" value={day} form={FORM_ID} /> : null}
      <button type="submit" form={FORM_ID} className="button">
        Show
      </button>
    </ViewerZoneField>
  );
}
