import type { MetaFunction } from '@remix-run/node';

export const meta: MetaFunction = () => [{ title: 'Expert Booking' }];

export default function Index() {
  return (
    <main>
      <h1>Expert Booking</h1>
      <p>
        Book a session with an expert. The JSON API is served under <code>/api</code>, starting with{' '}
        <a href="/api/experts">/api/experts</a>.
      </p>
    </main>
  );
}
