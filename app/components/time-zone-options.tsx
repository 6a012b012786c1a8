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
