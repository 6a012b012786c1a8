import { describe, expect, it } from 'vitest';

import { BookingModel } from '../../models';
import { callApi, useApiServer } from '../../test/support/api-server';
import { bookingInput, createExpert } from '../../test/support/builders';

const api = await useApiServer();

describe('racing for one slot', () => {
  it('gives 50 concurrent requests exactly one booking and 49 SLOT_TAKEN answers', async () => {
    const expert = await createExpert();

    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        callApi(api.baseUrl, '/api/bookings', {
          method: 'POST',
          json: bookingInput(expert.id, { email: `racer${i}@example.com` }),
        }),
      ),
    );

    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    for (const answer of answers.filter((answer) => answer.status === 409)) {
      expect(answer.body).toEqual({
        code: 'SLOT_TAKEN',
        message: 'This slot is already booked. Please choose another slot.',
      });
    }
    expect(await BookingModel.countDocuments({ expertId: expert.id })).toBe(1);
    expect(api.events).toHaveLength(1);
  });
});
