import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Outlet, useLoaderData } from '@remix-run/react';

import { CsrfField } from '../components/csrf-field';
import { ErrorPage } from '../components/error-page';
import { NavItem } from '../components/nav-item';
import { alwaysPrivate, PRIVATE_PAGE_HEADERS } from '../utils/private-page';
import { pageMeta } from '../utils/page-meta';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await context.auth.requireUser(request);
  const csrfToken = await context.auth.getCsrfToken(request);
  return json({ user, csrfToken }, { headers: PRIVATE_PAGE_HEADERS });
}

export const headers = alwaysPrivate;

export const meta = pageMeta('Console · Expert Booking');

export default function ConsoleLayout() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <div className="console">
      <header className="console-header">
        <p className="console-header__title">Expert Booking console</p>
        <nav aria-label="Console">
          <ul className="nav-list">
            <NavItem to="/console" end>
              Bookings
            </NavItem>
            {user.role === 'expert' ? (
              <>
                <NavItem to="/console/availability">Availability</NavItem>
                <NavItem to="/console/reviews">Reviews</NavItem>
              </>
            ) : (
              <NavItem to="/console/experts">Experts</NavItem>
            )}
          </ul>
        </nav>
        <Form method="post" action="/logout" className="console-header__account">
          <span>
            Signed in as <strong>{user.name}</strong>
          </span>
          <CsrfField />
          <button type="submit" className="button">
            Sign out
          </button>
        </Form>
      </header>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
