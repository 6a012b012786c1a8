import {
  json,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import {
  Link,
  Links,
  LiveReload,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  type ShouldRevalidateFunction,
} from '@remix-run/react';
import type { ReactNode } from 'react';

import { ErrorPage, errorTitle } from './components/error-page';
import { LiveAnnouncer } from './components/live-announcer';
import { NavItem } from './components/nav-item';
import stylesheet from './styles/app.css';
import { type RefusedFormMark, titleAfterForm } from './utils/error-title';
import { useFocusAfterNavigation } from './utils/focus-after-navigation';
import { useNonce } from './utils/nonce';

export const links: LinksFunction = () => [
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'stylesheet', href: stylesheet },
];

/** Whether this document answers a refused form: its title then starts with "Error:". */
export function loader({ context }: LoaderFunctionArgs) {
  return json<RefusedFormMark>({ refusedForm: context.refusedForm === true });
}

// The mark is about the document the server drew; in the browser no later answer changes it, so
// the root's data is never asked for again (a day or a search costs no extra request).
export const shouldRevalidate: ShouldRevalidateFunction = () => false;

export const meta: MetaFunction<typeof loader> = (args) => [
  { title: args.error ? errorTitle(args.error) : titleAfterForm('Expert Booking', args) },
  { name: 'description', content: 'Find an expert, pick a free time slot and book a session.' },
];

function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/experts" className="brand">
          <span className="brand__mark" aria-hidden="true">
            EB
          </span>
          Expert Booking
        </Link>
        <nav aria-label="Main">
          <ul className="nav-list">
            <NavItem to="/experts">Experts</NavItem>
            <NavItem to="/bookings">My bookings</NavItem>
          </ul>
        </nav>
      </div>
    </header>
  );
}

/** The one layout: also wraps the error pages, so they keep the header and navigation. */
export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  useFocusAfterNavigation();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="page" tabIndex={-1}>
          {children}
        </main>
        <LiveAnnouncer />
        <footer className="site-footer">
          <p>Expert Booking · times in each expert&apos;s time zone, with yours beside them</p>
          <p>
            Expert or administrator? <Link to="/console">Sign in to the console</Link>
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
