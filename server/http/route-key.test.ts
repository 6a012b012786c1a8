import { describe, expect, it } from 'vitest';

import { routeKey } from './route-key';

describe('routeKey', () => {
  it.each([
    ['/api/bookings', '/api/bookings'],
    ['/API/Bookings', '/api/bookings'],
    ['/api/bookings/', '/api/bookings'],
    ['/api//bookings', '/api/bookings'],
    ['/api/./bookings', '/api/bookings'],
    ['/BOOKINGS?index', '/bookings'],
    ['/%62ookings?index', '/bookings'],
    ['/%42OOKINGS/?index', '/bookings'],
    ['/x/../bookings?index', '/bookings'],
    ['/%2e%2e/bookings?index', '/bookings'],
    ['/x\\..\\bookings?index', '/bookings'],
    ['/Experts/ABC/', '/experts/abc'],
    ['/%6Cogin', '/login'],
    ['/login?redirectTo=/api/bookings', '/login'],
    ['/bookings/%E0%A4%A', '/bookings/%e0%a4%a'],
  ])('reads %s as %s', (url, key) => {
    expect(routeKey(url)).toBe(key);
  });
});
