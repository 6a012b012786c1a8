import { formatTimeZone } from '../../shared/format';
import type { TimeZoneGroup } from '../utils/time-zones';

/** The options of a time-zone select: the zones by region, each named as people read it. */
export function TimeZoneOptions({ groups }: { groups: readonly TimeZoneGroup[] }) {
  return groups.map((group) => (
    <optgroup key={group.region} label={group.region}>
      {group.zones.map((zone) => (
        <option key={zone} value={zone}>
          {formatTimeZone(zone)}
        </option>
      ))}
    </optgroup>
  ));
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

const optionsHtml = new WeakMap<readonly TimeZoneGroup[], string>();

/**
 * The same options as markup, with `selected` on the chosen zone: what `TimeZoneOptions` renders
 * in a select with that `defaultValue`. The expert's page sends them on every request (a select
 * for readers without JavaScript), and rendering four hundred options through React took more
 * of that page's time than anything else in it; as a string they are built once per process.
 */
export function timeZoneOptionsHtml(groups: readonly TimeZoneGroup[], selected: string): string {
  let html = optionsHtml.get(groups);
  if (html === undefined) {
    html = groups
      .map(
        (group) =>
          `<optgroup label="${escapeHtml(group.region)}">${group.zones
            .map(
              (zone) =>
                `<option value="${escapeHtml(zone)}">${escapeHtml(formatTimeZone(zone))}</option>`,
            )
            .join('')}</optgroup>`,
      )
      .join('');
    optionsHtml.set(groups, html);
  }
  const option = `<option value="${escapeHtml(selected)}">`;
  return html.replace(option, `<option value="${escapeHtml(selected)}" selected="">`);
}
