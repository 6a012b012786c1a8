import { renderToStaticMarkup } from 'react-dom/server';

import { groupTimeZones, knownTimeZones } from '../utils/time-zones';
import { timeZoneOptionsHtml, TimeZoneOptions } from './time-zone-options';

describe('timeZoneOptionsHtml', () => {
  const groups = groupTimeZones([...knownTimeZones(), 'Test/Quote"And<Tag>&Amp']);

  it.each(['Europe/Berlin', 'America/Port_of_Spain', 'UTC', 'Test/Quote"And<Tag>&Amp'])(
    'is the markup React renders for the options with %s chosen',
    (zone) => {
      const byReact = renderToStaticMarkup(
        <select defaultValue={zone}>
          <TimeZoneOptions groups={groups} />
        </select>,
      );
      const asString = renderToStaticMarkup(
        <select dangerouslySetInnerHTML={{ __html: timeZoneOptionsHtml(groups, zone) }} />,
      );
      expect(asString).toBe(byReact);
      expect(asString.match(/selected=""/g)).toHaveLength(1);
    },
  );

  it('chooses nothing for a zone it does not list, as React would', () => {
    expect(timeZoneOptionsHtml(groups, 'Mars/Olympus_Mons')).not.toContain('selected');
  });
});
