import { Link, isRouteErrorResponse, useRouteError } from '@remix-run/react';
import type { ReactNode } from 'react';

import { FORM_EXPIRED } from '../../shared/form-expired';

const BAD_REQUEST = 'We could not do that';
const NOT_A_FORM = 'Nothing to send here';
const EXPIRED = 'This form has expired';

/** One error page: its status, its heading (which names the page for a screen reader) and text. */
function ErrorSection({
  status,
  title,
  children,
}: {
  status: number;
  title: string;
  children: ReactNode;
}) {
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-page__code">{status}</p>
      <h1 id="error-title">{title}</h1>
      {children}
    </section>
  );
}

function WayBack({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p>
      <Link className="button" to={to}>
        {children}
      </Link>
    </p>
  );
}

/**
 * The friendly page shown when a route fails: a 404 says what was not found and where to go,
 * anything else says sorry. Never a stack trace: those stay in the server log.
 */
export function ErrorPage({ notFoundText }: { notFoundText?: string }) {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 404) {
    return (
      <ErrorSection status={404} title="Page not found">
        <p>
          {notFoundText ??
            'We could not find that page. The link may be mistyped, or the page may have moved.'}
        </p>
        <WayBack to="/experts">Browse experts</WayBack>
      </ErrorSection>
    );
  }
  if (isRouteErrorResponse(error) && status === 403 && error.data === FORM_EXPIRED) {
    return (
      <ErrorSection status={403} title={EXPIRED}>
        <p>{FORM_EXPIRED}</p>
        <p>
          {/* A full reload: the page comes back with this sign-in's token in its forms. */}
          <Link className="button" to="." reloadDocument>
            Reload the page
          </Link>
        </p>
      </ErrorSection>
    );
  }
  if (status === 403) {
    return (
      <ErrorSection status={403} title="Not allowed">
        <p>
          You are signed in, but this page is not open to your account. If you need it, ask an
          administrator.
        </p>
        <WayBack to="/console">Back to the console</WayBack>
      </ErrorSection>
    );
  }
  if (isRouteErrorResponse(error) && status === 400 && typeof error.data === 'string') {
    // The route's own sentence for the person (a week or a page that does not exist): saying
    // what was wrong beats a generic apology. Only 400s carry one; others may be Remix's own.
    return (
      <ErrorSection status={400} title={BAD_REQUEST}>
        <p>{error.data}</p>
        <WayBack to="/experts">Back to the experts</WayBack>
      </ErrorSection>
    );
  }
  if (status === 405) {
    return (
      <ErrorSection status={405} title={NOT_A_FORM}>
        <p>This address is a page to open, not a form to send. Open it, and use its own buttons.</p>
        <WayBack to="/experts">Back to the experts</WayBack>
      </ErrorSection>
    );
  }
  if (status === 503) {
    return (
      <ErrorSection status={503} title="Back in a moment">
        <p>
          We cannot reach our records right now, usually only for a few seconds. Please try again in
          a moment.
        </p>
        <p>
          If you were booking, the booking may have been made all the same:{' '}
          <Link to="/bookings">look it up under your email</Link> before you book again.
        </p>
        <p>
          {/* A full reload of this address, which is what a person means by trying again. */}
          <Link className="button" to="." reloadDocument>
            Try again
          </Link>
        </p>
      </ErrorSection>
    );
  }
  return (
    <ErrorSection status={status} title="Something went wrong">
      <p>
        {status >= 500
          ? 'Something went wrong on our side. Please try again in a moment.'
          : 'We could not handle that request. Please check the address and try again.'}
      </p>
      <WayBack to="/experts">Back to the experts</WayBack>
    </ErrorSection>
  );
}

/**
 * A page title for an error: what the ErrorBoundary shows, for the tab and screen readers. It
 * starts with "Error:", so a screen reader's first words on arriving say the step failed; a
 * route names what it could not find (`notFound`, e.g. "Booking not found").
 */
export function errorTitle(error: unknown, notFound = 'Page not found'): string {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 404) return `Error: ${notFound} · Expert Booking`;
  if (status === 403 && isRouteErrorResponse(error) && error.data === FORM_EXPIRED) {
    return `Error: ${EXPIRED} · Expert Booking`;
  }
  if (status === 403) return 'Error: Not allowed · Expert Booking';
  if (status === 503) return 'Error: Back in a moment · Expert Booking';
  if (status === 400 && isRouteErrorResponse(error) && typeof error.data === 'string') {
    return `Error: ${BAD_REQUEST} · Expert Booking`;
  }
  if (status === 405) return `Error: ${NOT_A_FORM} · Expert Booking`;
  return 'Error: Something went wrong · Expert Booking';
}
