import { describe, expect, it } from 'vitest';

import { callApi, useApiServer } from '../../test/support/api-server';
import { expectValidationError } from '../../test/support/api-expectations';
import { bookingInput, countBookings, createExpert } from '../../test/support/builders';

const api = await useApiServer();

function book(json: Record<string, unknown>) {
  return callApi(api.baseUrl, '/api/bookings', { method: 'POST', json });
}

describe('text people type, on its way in', () => {
  it('refuses a name with a lone CR (it would start a line of its own in the calendar file)', async () => {
    const expert = await createExpert();
    const answer = await book(bookingInput(expert.id, { name: 'Ada\rX-INJ:1' }));

    expectValidationError(answer, {
      name: 'Name must be one line of text, without tabs, line breaks or other control characters.',
    });
  });

  it('refuses a name of two zero-width spaces as missing, and books nothing', async () => {
    const expert = await createExpert();
    const answer = await book(bookingInput(expert.id, { name: '\u200b\u200b' }));

    expectValidationError(answer, { name: 'Name is required.' });
    expect(await countBookings()).toBe(0);
    expect(api.events).toHaveLength(0);
  });

  it('refuses half of a surrogate pair (sent as "\\ud800"), which would be stored as U+FFFD', async () => {
    const expert = await createExpert();
    const answer = await book(bookingInput(expert.id, { name: 'Ada \ud800Lovelace' }));

    expectValidationError(answer, {
      name: 'Name has a broken character in it (half of a pair); type it again.',
    });
    expect(await countBookings()).toBe(0);
  });

  it('keeps the line breaks of notes, as LF, and refuses their other control characters', async () => {
    const expert = await createExpert();
    const kept = await book(
      bookingInput(expert.id, { timeSlot: '10:00-11:00', notes: 'Line one\r\nline two\rthree' }),
    );
    expect(kept.status).toBe(201);
    expect((kept.body as { data: { notes: string } }).data.notes).toBe('Line one\nline two\nthree');

    const refused = await book(
      bookingInput(expert.id, { timeSlot: '11:00-12:00', notes: 'a\u001bb' }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      fields: { notes: 'Notes may have line breaks, but no tabs or other control characters.' },
    });
  });
});

describe('the OpenAPI document', () => {
  it('states each required text field with one pattern, which refuses invisible text', async () => {
    const answer = await callApi(api.baseUrl, '/api/openapi.json');
    const { paths } = answer.body as {
      paths: Record<string, { post: { requestBody: { content: Record<string, unknown> } } }>;
    };
    const fieldsOf = (path: string) =>
      (
        paths[path]!.post.requestBody.content['application/json'] as {
          schema: { properties: Record<string, { pattern?: string; allOf?: unknown }> };
        }
      ).schema.properties;
    const fields = [
      fieldsOf('/api/bookings').name!,
      fieldsOf('/api/reviews/{id}/reply').reply!,
      fieldsOf('/api/reviews/{id}/hide').reason!,
    ];

    for (const field of fields) {
      // Two patterns make an allOf, from which Schemathesis cannot draw enough values.
      expect(field.allOf).toBeUndefined();
      const pattern = new RegExp(field.pattern!);
      expect(pattern.test('\u200b\u200b')).toBe(false);
      expect(pattern.test(' \u2060 ')).toBe(false);
      expect(pattern.test('Zoë \u200b')).toBe(true);
    }
  });
});
