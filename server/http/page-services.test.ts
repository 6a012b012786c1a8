import { OverloadedError, ServiceUnavailableError, SlotTakenError } from '../errors';
import type { Services } from '../services';
import { pageServices } from './page-services';

function servicesFailingWith(error: Error): Services {
  const fail = () => Promise.reject(error);
  return {
    experts: { get: fail, list: fail },
    bookings: { create: fail },
    expertAdmin: { list: fail },
    consoleBookings: { list: fail, act: fail },
    accounts: { signIn: fail },
    reviews: { newestForExpertPage: fail },
  } as unknown as Services;
}

describe('pageServices', () => {
  it.each([new OverloadedError(), new ServiceUnavailableError()])(
    'turns %s into a 503 Response with Retry-After for the error boundary',
    async (error) => {
      const failure: unknown = await pageServices(servicesFailingWith(error))
        .experts.get('0123456789abcdef01234567')
        .catch((caught: unknown) => caught);
      expect(failure).toBeInstanceOf(Response);
      const response = failure as Response;
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.text()).toBe(error.message);
    },
  );

  it('passes other errors through for the route to read', async () => {
    const error = new SlotTakenError();
    await expect(pageServices(servicesFailingWith(error)).bookings.create({}, {})).rejects.toBe(
      error,
    );
  });
});
