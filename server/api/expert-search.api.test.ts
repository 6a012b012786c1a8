import { describe, expect, it } from 'vitest';

import { callApi, useApiServer } from '../../test/support/api-server';
import { bookingInput, createExpert, dayFromNow, onlyOn } from '../../test/support/builders';

// The test clock: Monday 2030-03-04 10:00 UTC. New York springs forward on 2030-03-10,
// Auckland falls back on 2030-04-07.
const api = await useApiServer();

interface ListBody {
  data: { name: string; nextAvailableSlot: { startsAt: string } | null }[];
  pagination: { page: number; limit: number; total: number; totalPages: number };
}

async function list(query: string): Promise<ListBody> {
  const answer = await callApi(api.baseUrl, `/api/experts?${query}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as ListBody;
}

async function names(query: string): Promise<string[]> {
  return (await list(query)).data.map((expert) => expert.name).sort();
}

/** An expert whose only session starts at `label` on the UTC day `date`. */
function onlyAt(name: string, date: string, label: string, extra: object = {}) {
  return createExpert({
    name,
    availability: { ...onlyOn([{ date, timeSlots: [label] }]), minimumNoticeMinutes: 0 },
    ...extra,
  });
}

describe('GET /api/experts?availableOn=', () => {
  it('keeps only experts with a free slot on the day; total counts after the filter', async () => {
    await onlyAt('Anna', dayFromNow(2), '09:00-10:00');
    await onlyAt('Ben', dayFromNow(3), '09:00-10:00');

    expect(await names(`availableOn=${dayFromNow(2)}`)).toEqual(['Anna']);
    expect((await list(`availableOn=${dayFromNow(2)}`)).pagination.total).toBe(1);
    expect(await names(`availableOn=${dayFromNow(3)}`)).toEqual(['Ben']);
    expect(await names(`availableOn=${dayFromNow(4)}`)).toEqual([]);
    // Days long past or far beyond any horizon: nobody, without working through the years between.
    expect(await names('availableOn=1999-12-31')).toEqual([]);
    expect(await names('availableOn=2999-12-31&tz=Pacific/Kiritimati')).toEqual([]);
    expect((await list('')).pagination.total).toBe(2);
  });

  it('reads the day in the viewer’s zone, on both sides of the date line', async () => {
    // 10:00 UTC on 6 March is already 00:00 on the 7th at UTC+14 and still 23:00 on the 5th at UTC−11.
    await onlyAt('Cleo', '2030-03-06', '10:00-11:00');

    const on = (date: string, zone: string) =>
      names(`availableOn=${date}&tz=${encodeURIComponent(zone)}`);
    expect(await on('2030-03-07', 'Pacific/Kiritimati')).toEqual(['Cleo']);
    expect(await on('2030-03-06', 'Pacific/Kiritimati')).toEqual([]);
    expect(await on('2030-03-05', 'Pacific/Pago_Pago')).toEqual(['Cleo']);
    expect(await on('2030-03-06', 'Pacific/Pago_Pago')).toEqual([]);
    expect(await on('2030-03-06', 'UTC')).toEqual(['Cleo']);
  });

  it('matches an expert in Auckland for a viewer in Los Angeles a calendar day earlier', async () => {
    // 09:00 on 7 March in Auckland (UTC+13) is 12:00 on 6 March in Los Angeles (UTC−8).
    await createExpert({
      name: 'Dion',
      timezone: 'Pacific/Auckland',
      availability: {
        ...onlyOn([{ date: '2030-03-07', timeSlots: ['09:00-10:00'] }]),
        minimumNoticeMinutes: 0,
      },
    });

    const la = (date: string, part = '') =>
      names(`availableOn=${date}&tz=America/Los_Angeles${part}`);
    expect(await la('2030-03-06')).toEqual(['Dion']);
    expect(await la('2030-03-07')).toEqual([]);
    expect(await la('2030-03-06', '&part=afternoon')).toEqual(['Dion']);
    expect(await la('2030-03-06', '&part=morning')).toEqual([]);
    expect(await names('availableOn=2030-03-07&tz=Pacific/Auckland')).toEqual(['Dion']);
  });

  it('counts a 23-hour day in New York (spring forward) by its wall clock', async () => {
    // New York's 10 March runs from 05:00 UTC to 04:00 UTC on the 11th.
    await onlyAt('Eve', '2030-03-11', '03:00-04:00'); // 23:00 EDT on the 10th
    await onlyAt('Finn', '2030-03-11', '04:00-05:00'); // 00:00 EDT on the 11th
    await onlyAt('Gus', '2030-03-10', '06:00-07:00'); // 01:00 EST on the 10th
    await onlyAt('Hal', '2030-03-10', '07:00-08:00'); // 03:00 EDT on the 10th

    const ny = (date: string, part = '') => names(`availableOn=${date}&tz=America/New_York${part}`);
    expect(await ny('2030-03-10')).toEqual(['Eve', 'Gus', 'Hal']);
    expect(await ny('2030-03-11')).toEqual(['Finn']);
    // 02:30 does not exist that night: from 02:30 starts at 03:00 EDT.
    expect(await ny('2030-03-10', '&from=02:30&to=04:00')).toEqual(['Hal']);
    expect(await ny('2030-03-10', '&part=evening')).toEqual(['Eve']);
  });

  it('counts a 25-hour day in Auckland (fall back) by its wall clock', async () => {
    // Auckland's 7 April runs from 11:00 UTC on the 6th to 12:00 UTC on the 7th.
    await onlyAt('Ida', '2030-04-06', '10:00-11:00'); // 23:00 NZDT on the 6th
    await onlyAt('Jo', '2030-04-06', '13:00-14:00'); // 02:00 NZDT on the 7th
    await onlyAt('Kai', '2030-04-06', '14:00-15:00'); // 02:00 NZST on the 7th, the second time
    await onlyAt('Lea', '2030-04-07', '11:00-12:00'); // 23:00 NZST on the 7th
    await onlyAt('Max', '2030-04-07', '12:00-13:00'); // 00:00 NZST on the 8th

    const nz = (date: string, part = '') => names(`availableOn=${date}&tz=Pacific/Auckland${part}`);
    expect(await nz('2030-04-06')).toEqual(['Ida']);
    expect(await nz('2030-04-07')).toEqual(['Jo', 'Kai', 'Lea']);
    expect(await nz('2030-04-08')).toEqual(['Max']);
    expect(await nz('2030-04-07', '&from=02:00&to=03:00')).toEqual(['Jo', 'Kai']);
  });

  it('narrows to a part of the day with part or from/to in the viewer’s zone', async () => {
    // Every day 09:00, 10:00 and 14:00 UTC: 18:00, 19:00 and 23:00 in Tokyo.
    await createExpert({ name: 'Nia' });
    const day = dayFromNow(2);
    const tokyo = (part: string) => names(`availableOn=${day}&tz=Asia/Tokyo&${part}`);
    expect(await tokyo('part=evening')).toEqual(['Nia']);
    expect(await tokyo('part=morning')).toEqual([]);
    expect(await tokyo('part=afternoon')).toEqual([]);
    expect(await tokyo('from=23:00')).toEqual(['Nia']);
    expect(await tokyo('from=19:30&to=23:00')).toEqual([]);
    expect(await tokyo('to=18:01')).toEqual(['Nia']);
    expect(await tokyo('to=18:00')).toEqual([]);
  });

  it('drops an expert booked out for the day at once, and brings them back when cancelled', async () => {
    const day = dayFromNow(2);
    const expert = await onlyAt('Otto', day, '09:00-10:00');
    await onlyAt('Pia', day, '10:00-11:00');
    expect(await names(`availableOn=${day}`)).toEqual(['Otto', 'Pia']);

    const booking = await api.services.bookings.create(
      bookingInput(expert.id, { date: day, timeSlot: '09:00-10:00' }),
    );
    expect(await names(`availableOn=${day}`)).toEqual(['Pia']);
    expect((await list(`availableOn=${day}`)).pagination.total).toBe(1);

    await api.services.bookings.cancel(
      booking.id,
      {},
      { by: 'client', token: booking.manageToken },
    );
    expect(await names(`availableOn=${day}`)).toEqual(['Otto', 'Pia']);
  });

  it('leaves out slots in the past or within the minimum notice', async () => {
    // Today at 09:00 UTC has passed; 11:00 is within Quinn's two hours' notice; 13:00 is not.
    const today = dayFromNow(0);
    await createExpert({
      name: 'Quinn',
      availability: {
        ...onlyOn([{ date: today, timeSlots: ['09:00-10:00', '11:00-12:00', '13:00-14:00'] }]),
        minimumNoticeMinutes: 120,
      },
    });
    expect(await names(`availableOn=${today}&to=12:00`)).toEqual([]);
    expect(await names(`availableOn=${today}&from=12:00`)).toEqual(['Quinn']);
  });

  it('combines with search, category and paging', async () => {
    const day = dayFromNow(2);
    for (const name of ['Ray One', 'Ray Two', 'Ray Three']) {
      await onlyAt(name, day, '09:00-10:00', { category: 'Design' });
    }
    await onlyAt('Ray Four', day, '09:00-10:00', { category: 'Finance' });
    await onlyAt('Ray Busy', dayFromNow(3), '09:00-10:00', { category: 'Design' });
    await onlyAt('Sam', day, '09:00-10:00', { category: 'Design' });

    const first = await list(`availableOn=${day}&search=ray&category=Design&limit=2`);
    expect(first.pagination).toEqual({ page: 1, limit: 2, total: 3, totalPages: 2 });
    const second = await list(`availableOn=${day}&search=ray&category=Design&limit=2&page=2`);
    expect(second.data).toHaveLength(1);
    const seen = [...first.data, ...second.data].map((expert) => expert.name).sort();
    expect(seen).toEqual(['Ray One', 'Ray Three', 'Ray Two']);
  });

  it.each([
    ['tz=Mars/Olympus_Mons&availableOn=2030-03-05', 'tz'],
    ['tz=EST&availableOn=2030-03-05', 'tz'],
    ['availableOn=2030-02-30', 'availableOn'],
    ['availableOn=tomorrow', 'availableOn'],
    ['availableOn=2030-03-05&from=25:00', 'from'],
    ['availableOn=2030-03-05&from=18:00&to=09:00', 'to'],
    ['availableOn=2030-03-05&to=00:00', 'to'],
    ['availableOn=2030-03-05&part=night', 'part'],
    ['availableOn=2030-03-05&part=evening&from=18:00', 'part'],
    ['part=evening', 'availableOn'],
    ['sort=price', 'sort'],
    ['availableOn=2030-03-05&availableOn=2030-03-06', 'availableOn'],
  ])('refuses %s with 400 VALIDATION_ERROR on %s', async (query, field) => {
    const answer = await callApi(api.baseUrl, `/api/experts?${query}`);
    expect(answer.status).toBe(400);
    const body = answer.body as { code: string; fields: Record<string, string> };
    expect(body.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(body.fields)).toEqual([field]);
    expect(body.fields[field]).not.toBe('Invalid input');
  });
});

describe('GET /api/experts?sort=', () => {
  it('sorts by the soonest free slot, experts with none last', async () => {
    await onlyAt('Late', dayFromNow(5), '09:00-10:00', { rating: 5 });
    await onlyAt('Soon', dayFromNow(1), '09:00-10:00', { rating: 3 });
    await createExpert({
      name: 'Never',
      rating: 4.9,
      availability: { ...onlyOn([]), minimumNoticeMinutes: 0 },
    });
    await onlyAt('Sooner', dayFromNow(1), '08:00-09:00', { rating: 1 });

    const order = async (query: string) => (await list(query)).data.map((expert) => expert.name);
    expect(await order('sort=nextAvailable')).toEqual(['Sooner', 'Soon', 'Late', 'Never']);
    expect(await order('')).toEqual(['Late', 'Never', 'Soon', 'Sooner']);
    expect(await order('sort=rating')).toEqual(['Late', 'Never', 'Soon', 'Sooner']);
  });

  it('sorts by the soonest free slot within the chosen day when filtering', async () => {
    const day = dayFromNow(2);
    await createExpert({
      name: 'Early bird',
      availability: {
        ...onlyOn([
          { date: dayFromNow(1), timeSlots: ['15:00-16:00'] },
          { date: day, timeSlots: ['16:00-17:00'] },
        ]),
        minimumNoticeMinutes: 0,
      },
    });
    await onlyAt('Morning', day, '08:00-09:00');
    const order = (await list(`availableOn=${day}&sort=nextAvailable`)).data.map((e) => e.name);
    expect(order).toEqual(['Morning', 'Early bird']);
  });

  it('sorts by experience, most first, then by rating', async () => {
    await createExpert({ name: 'Junior', experience: 2, rating: 5 });
    await createExpert({ name: 'Senior', experience: 20, rating: 3 });
    await createExpert({ name: 'Mid high', experience: 8, rating: 4.8 });
    await createExpert({ name: 'Mid low', experience: 8, rating: 4.1 });

    const order = (await list('sort=experience')).data.map((expert) => expert.name);
    expect(order).toEqual(['Senior', 'Mid high', 'Mid low', 'Junior']);
  });
});

describe('the OpenAPI document of GET /api/experts', () => {
  it('declares the availability and sort parameters with their values', async () => {
    const answer = await callApi(api.baseUrl, '/api/openapi.json');
    const document = answer.body as {
      paths: Record<string, { get: { parameters: { name: string; in: string }[] } }>;
    };
    const parameters = document.paths['/api/experts']!.get.parameters;
    const named = (name: string) => {
      const parameter = parameters.find((each) => each.name === name && each.in === 'query');
      expect(parameter, name).toBeDefined();
      return JSON.stringify(parameter);
    };
    expect(named('availableOn')).toContain('"format":"date"');
    expect(named('tz')).toContain('IANA');
    for (const part of ['morning', 'afternoon', 'evening']) expect(named('part')).toContain(part);
    expect(named('from')).toContain("viewer's zone");
    expect(named('to')).toContain("viewer's zone");
    for (const sort of ['nextAvailable', 'rating', 'experience']) {
      expect(named('sort')).toContain(`"${sort}"`);
    }
  });
});
