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
 * Without JavaScript the page cannot know the viewer's zone: this select lets the person choose
 * (the server remembers it in a cookie). With JavaScript the browser's own zone is used and the
 * select never shows.
 */
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
  groups ??= groupTimeZones(knownTimeZones());
  return (
    <noscript>
      <div className="zone-picker">
        <label htmlFor="viewer-zone" className="zone-picker__label">
          Your time zone
        </label>
        <select
          id="viewer-zone"
          name="tz"
          form={FORM_ID}
          className="input"
          dangerouslySetInnerHTML={{ __html: timeZoneOptionsHtml(groups, zone) }}
        />
        {sessionMinutes ? (
          <input type="hidden" name="sessionMinutes" value={sessionMinutes} form={FORM_ID} />
        ) : null}
        {from ? <input type="hidden" name="from" value={from} form={FORM_ID} /> : null}
        {day ? <input type="hidden" name="day" value={day} form={FORM_ID} /> : null}
        <button type="submit" form={FORM_ID} className="button">
          Show
        </button>
      </div>
    </noscript>
  );
}
