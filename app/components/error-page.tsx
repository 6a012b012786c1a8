import { Link, isRouteErrorResponse, useRouteError } from '@remix-run/react';

const BAD_REQUEST = 'We could not do that';
const NOT_A_FORM = 'Nothing to send here';

/**
 * The friendly page shown when a route fails: a 404 says what was not found and where to go,
 * anything else says sorry. Never a stack trace: those stay in the server log.
 */
export function ErrorPage({ notFoundText }: { notFoundText?: string }) {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <section className="error-page" aria-labelledby="error-title">
        <p className="error-page__code">404</p>
        <h1 id="error-title">Page not found</h1>
        <p>
          {notFoundText ??
            'We could not find that page. The link may be mistyped, or the page may have moved.'}
        </p>
        <p>
          <Link className="button" to="/experts">
            Browse experts
          </Link>
        </p>
      </section>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <section className="error-page" aria-labelledby="error-title">
        <p className="error-page__code">403</p>
        <h1 id="error-title">Not allowed</h1>
        <p>
          You are signed in, but this page is not open to your account. If you need it, ask an
          administrator.
        </p>
        <p>
          <Link className="button" to="/console">
            Back to the console
          </Link>
        </p>
      </section>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 400 && typeof error.data === 'string') {
    // The route's own sentence for the person (a week or a page that does not exist): saying
    // what was wrong beats a generic apology. Only 400s carry one; others may be Remix's own.
    return (
      <section className="error-page" aria-labelledby="error-title">
        <p className="error-page__code">400</p>
        <h1 id="error-title">{BAD_REQUEST}</h1>
        <p>{error.data}</p>
        <p>
          <Link className="button" to="/experts">
            Back to the experts
          </Link>
        </p>
      </section>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 405) {
    return (
      <section className="error-page" aria-labelledby="error-title">
        <p className="error-page__code">405</p>
        <h1 id="error-title">{NOT_A_FORM}</h1>
        <p>This address is a page to open, not a form to send. Open it, and use its own buttons.</p>
        <p>
          <Link className="button" to="/experts">
            Back to the experts
          </Link>
        </p>
      </section>
    );
  }
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 503) {
    return (
      <section className="error-page" aria-labelledby="error-title">
        <p className="error-page__code">503</p>
        <h1 id="error-title">Back in a moment</h1>
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
      </section>
    );
  }
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-page__code">{status}</p>
      <h1 id="error-title">Something went wrong</h1>
      <p>
        {status >= 500
          ? 'Something went wrong on our side. Please try again in a moment.'
          : 'We could not handle that request. Please check the address and try again.'}
      </p>
      <p>
        <Link className="button" to="/experts">
          Back to the experts
        </Link>
      </p>
    </section>
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
  if (status === 403) return 'Error: Not allowed · Expert Booking';
  if (status === 503) return 'Error: Back in a moment · Expert Booking';
  if (status === 400 && isRouteErrorResponse(error) && typeof error.data === 'string') {
    return `Error: ${BAD_REQUEST} · Expert Booking`;
  }
  if (status === 405) return `Error: ${NOT_A_FORM} · Expert Booking`;
  return 'Error: Something went wrong · Expert Booking';
}
