import { describe, expect, it } from 'vitest';

import { callApi, useApiServer } from '../../test/support/api-server';
import { expectValidationError } from '../../test/support/api-expectations';
import { bookingInput, createExpert } from '../../test/support/builders';

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
