import type { Services } from '../services';
import { toErrorResponse } from './error-response';

/**
 * A failure to answer in time is the server's, not the page's, so it becomes a 503 Response
 * (with Retry-After) that the route's error boundary shows as such, instead of the 500 an
 * unknown error would be. Other errors pass through untouched for the routes to read.
 */
function asPageFailure(error: unknown): unknown {
  const { status, body, headers } = toErrorResponse(error);
  if (status !== 503) return error;
  return new Response(body.message, { status, statusText: 'Service Unavailable', headers });
}

function guard<Service extends object>(service: Service): Service {
  // Every method of a service is async and returns a promise; wrapping them all at once keeps
  // new service methods covered without a list to maintain.
  return new Proxy(service, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...params: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (error) {
          throw asPageFailure(error);
        }
      };
    },
  });
}

/** The services as route loaders and actions see them. */
export function pageServices(services: Services): Services {
  return {
    experts: guard(services.experts),
    bookings: guard(services.bookings),
    expertAdmin: guard(services.expertAdmin),
    consoleBookings: guard(services.consoleBookings),
    accounts: guard(services.accounts),
    reviews: guard(services.reviews),
  };
}
