import { beforeEach, describe, expect, it } from 'vitest';

import { callApi, useApiServer, type ApiAnswer } from '../../test/support/api-server';
import { bookingInput, countBookings, createExpert } from '../../test/support/builders';

const api = await useApiServer();
let expertId: string;

beforeEach(async () => {
  expertId = (await createExpert()).id;
});

function expectJsonError(answer: ApiAnswer, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toMatch(/^application\/json/);
  expect(answer.body).toMatchObject({ code, message: expect.any(String) });
  expect(JSON.stringify(answer.body)).not.toMatch(/\bat \S+ \(|node_modules/);
}

const TEN_KB = 'x'.repeat(10 * 1024);

describe('bad booking input is refused, names the field and stores nothing', () => {
  it.each([
    ['a number as the name', { name: 42 }, 'name'],
    ['an array as the email', { email: ['ada@example.com'] }, 'email'],
    ['an operator object as the email', { email: { $gt: '' } }, 'email'],
    ['an operator object as the expert id', { expertId: { $ne: null } }, 'expertId'],
    ['an operator object as the slot', { timeSlot: { $regex: '.*' } }, 'timeSlot'],
    ['a 10 KB name', { name: TEN_KB }, 'name'],
    ['10 KB of notes', { notes: TEN_KB }, 'notes'],
    ['a malformed expert id', { expertId: 'abc' }, 'expertId'],
    ['a malformed email', { email: 'ada@' }, 'email'],
    ['letters as the phone', { phone: 'call me maybe' }, 'phone'],
    ['punctuation without digits as the phone', { phone: '(((((((' }, 'phone'],
    ['a date that does not exist', { date: '2030-02-30' }, 'date'],
    ['a date in another format', { date: '04/03/2030' }, 'date'],
    ['a slot that ends before it starts', { timeSlot: '10:00-09:00' }, 'timeSlot'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a null phone', { phone: null }, 'phone'],
  ])('%s', async (_label, overrides, field) => {
    const answer = await callApi(api.baseUrl, '/api/bookings', {
      method: 'POST',
      json: bookingInput(expertId, overrides),
    });
    expectJsonError(answer, 400, 'VALIDATION_ERROR');
    expect(Object.keys((answer.body as { fields: object }).fields)).toEqual([field]);
    expect(await countBookings()).toBe(0);
    expect(api.events).toHaveLength(0);
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"booking"'],
  ])('refuses %s as the body', async (_label, body) => {
    const answer = await callApi(api.baseUrl, '/api/bookings', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(await countBookings()).toBe(0);
  });

  it('answers malformed JSON with a JSON 400', async () => {
    const answer = await callApi(api.baseUrl, '/api/bookings', {
      method: 'POST',
      body: '{"name": "Ada",',
      headers: { 'content-type': 'application/json' },
    });
    expectJsonError(answer, 400, 'MALFORMED_JSON');
    expect(await countBookings()).toBe(0);
  });

  it.each([
    ['a surrogate written out as bytes', [0xed, 0xa0, 0x80]],
    ['a stray Latin-1 byte', [0xe9]],
    ['a byte order mark the wrong way round', [0xff, 0xfe]],
  ])('answers JSON that is not UTF-8 (%s) with a JSON 400, storing nothing', async (_, bytes) => {
    const [before, after] = JSON.stringify(
      bookingInput(expertId, { name: 'Raw BROKEN Bytes' }),
    ).split('BROKEN');
    const answer = await callApi(api.baseUrl, '/api/bookings', {
      method: 'POST',
      body: Buffer.concat([Buffer.from(before!), Buffer.from(bytes), Buffer.from(after!)]),
      headers: { 'content-type': 'application/json' },
    });
    expectJsonError(answer, 400, 'MALFORMED_JSON');
    expect(answer.body).toMatchObject({ message: 'The request body is not valid UTF-8.' });
    expect(await countBookings()).toBe(0);
  });

  it.each(['br', 'gzip, gzip'])(
    'answers a Content-Encoding it cannot undo (%s) with a JSON 415 that names it',
    async (encoding) => {
      const answer = await callApi(api.baseUrl, '/api/bookings', {
        method: 'POST',
        body: JSON.stringify(bookingInput(expertId)),
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      });
      expectJsonError(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(answer.body).toMatchObject({
        message:
          'The request body’s Content-Encoding is not supported: send it as it is, or gzip or deflate it.',
      });
      expect(await countBookings()).toBe(0);
    },
  );

  it('answers a body that is not the gzip it claims with a JSON 400', async () => {
    const answer = await callApi(api.baseUrl, '/api/bookings', {
      method: 'POST',
      body: JSON.stringify(bookingInput(expertId)),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expectJsonError(answer, 400, 'BAD_REQUEST');
    expect(await countBookings()).toBe(0);
  });

  it('answers a body over the size limit with a JSON 413', async () => {
    const answer = await callApi(api.baseUrl, '/api/bookings', {
      method: 'POST',
      json: bookingInput(expertId, { notes: 'x'.repeat(64 * 1024) }),
    });
    expectJsonError(answer, 413, 'PAYLOAD_TOO_LARGE');
    expect(await countBookings()).toBe(0);
  });

  it('answers a form-encoded body with a JSON 415', async () => {
    const answer = await callApi(api.baseUrl, '/api/bookings', {
      method: 'POST',
      body: new URLSearchParams({ name: 'Ada' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectJsonError(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an unknown API path with a JSON 404 that says nothing of the path back', async () => {
    const answer = await callApi(api.baseUrl, '/api/%3Cscript%3Ealert(1)%3C/script%3E');
    expectJsonError(answer, 404, 'NOT_FOUND');
    expect(answer.body).toEqual({
      code: 'NOT_FOUND',
      message: 'There is no such API call. The calls there are: /api/docs.',
    });
  });
});
