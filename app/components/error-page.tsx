import { Link, isRouteErrorResponse, useRouteError } from '@remix-run/react';
import type { ReactNode } from 'react';

import { FORM_EXPIRED } from '../../shared/form-expired';

/** What went wrong, as the page and its title both say it. */
type ErrorKind =
  'notFound' | 'formExpired' | 'forbidden' | 'badRequest' | 'notAForm' | 'unavailable' | 'failed';

const HEADING: Record<ErrorKind, string> = {
  notFound: 'Page not found',
  formExpired: 'This form has expired',
  forbidden: 'Not allowed',
  badRequest: 'We could not do that',
  notAForm: 'Nothing to send here',
  unavailable: 'Back in a moment',
  failed: 'Something went wrong',
};

function kindOf(error: unknown): ErrorKind {
  if (!isRouteErrorResponse(error)) return 'failed';
  if (error.status === 404) return 'notFound';
  if (error.status === 403) return error.data === FORM_EXPIRED ? 'formExpired' : 'forbidden';
  // Only a 400 carries a sentence of the route's own for the person; others may be Remix's.
  if (error.status === 400 && typeof error.data === 'string') return 'badRequest';
  if (error.status === 405) return 'notAForm';
  if (error.status === 503) return 'unavailable';
  return 'failed';
}

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
  const kind = kindOf(error);
  const title = HEADING[kind];
  switch (kind) {
    case 'notFound':
      return (
        <ErrorSection status={404} title={title}>
          <p>
            {notFoundText ??
              'We could not find that page. The link may be mistyped, or the page may have moved.'}
          </p>
          <WayBack to="/experts">Browse experts</WayBack>
        </ErrorSection>
      );
    case 'formExpired':
      return (
        <ErrorSection status={403} title={title}>
          <p>{FORM_EXPIRED}</p>
          <p>
            {/* A full reload: the page comes back with this sign-in's token in its forms. */}
            <Link className="button" to="." reloadDocument>
              Reload the page
            </Link>
          </p>
        </ErrorSection>
      );
    case 'forbidden':
      return (
        <ErrorSection status={403} title={title}>
          <p>
            You are signed in, but this page is not open to your account. If you need it, ask an
            administrator.
          </p>
          <WayBack to="/console">Back to the console</WayBack>
        </ErrorSection>
      );
    case 'badRequest':
      // The route's own sentence (a week or a page that does not exist) beats an apology.
      return (
        <ErrorSection status={400} title={title}>
          <p>{isRouteErrorResponse(error) ? String(error.data) : null}</p>
          <WayBack to="/experts">Back to the experts</WayBack>
        </ErrorSection>
      );
    case 'notAForm':
      return (
        <ErrorSection status={405} title={title}>
          <p>
            This address is a page to open, not a form to send. Open it, and use its own buttons.
          </p>
          <WayBack to="/experts">Back to the experts</WayBack>
        </ErrorSection>
      );
    case 'unavailable':
      return (
        <ErrorSection status={503} title={title}>
          <p>
            We cannot reach our records right now, usually only for a few seconds. Please try again
            in a moment.
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
    case 'failed': {
      const status = isRouteErrorResponse(error) ? error.status : 500;
      return (
        <ErrorSection status={status} title={title}>
          <p>
            {status >= 500
              ? 'Something went wrong on our side. Please try again in a moment.'
              : 'We could not handle that request. Please check the address and try again.'}
          </p>
          <WayBack to="/experts">Back to the experts</WayBack>
        </ErrorSection>
      );
    }
  }
}

/**
 * A page title for an error: what the ErrorBoundary shows, for the tab and screen readers. It
 * starts with "Error:", so a screen reader's first words on arriving say the step failed; a
 * route names what it could not find (`notFound`, e.g. "Booking not found").
 */
export function errorTitle(error: unknown, notFound = 'Page not found'): string {
  const kind = kindOf(error);
  return `Error: ${kind === 'notFound' ? notFound : HEADING[kind]} · Expert Booking`;
}
