import { describe, expect, it } from 'vitest';

import { groupTimeZones, knownTimeZones } from './time-zones';

describe('groupTimeZones', () => {
  it('groups IANA names by region, alphabetically, with UTC first under Other', () => {
    expect(
      groupTimeZones([
        'Europe/Berlin',
        'America/New_York',
        'America/Argentina/Salta',
        'Asia/Tokyo',
        'Europe/Amsterdam',
      ]),
    ).toEqual([
      { region: 'Other', zones: ['UTC'] },
      { region: 'America', zones: ['America/Argentina/Salta', 'America/New_York'] },
      { region: 'Asia', zones: ['Asia/Tokyo'] },
      { region: 'Europe', zones: ['Europe/Amsterdam', 'Europe/Berlin'] },
    ]);
  });

  it('offers UTC once, whether or not the runtime lists it', () => {
    expect(groupTimeZones(['UTC', 'Europe/Paris'])[0]).toEqual({ region: 'Other', zones: ['UTC'] });
  });

  it('covers every zone the runtime knows, each once', () => {
    const known = knownTimeZones();
    const offered = groupTimeZones(known).flatMap((group) => group.zones);
    expect(new Set(offered).size).toBe(offered.length);
    expect(offered).toEqual(expect.arrayContaining([...known, 'UTC']));
    expect(offered).toContain('Europe/Berlin');
    expect(offered).toContain('America/New_York');
  });
});
