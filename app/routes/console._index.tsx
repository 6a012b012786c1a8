import type { MetaFunction } from '@remix-run/node';
import { useRouteLoaderData } from '@remix-run/react';

import type { loader as consoleLoader } from './console';

export const meta: MetaFunction = () => [{ title: 'Bookings · Expert Booking console' }];

/** Stands in for the bookings table until it lands: says who is signed in, and as what. */
export default function ConsoleHome() {
  const data = useRouteLoaderData<typeof consoleLoader>('routes/console');
  if (!data) return null;
  const { user } = data;
  return (
    <section className="stack" aria-labelledby="console-title">
      <h1 id="console-title">Bookings</h1>
      <p>
        You are signed in as {user.name} ({user.email}),{' '}
        {user.role === 'admin' ? 'an administrator' : 'an expert'}.
      </p>
    </section>
  );
}
