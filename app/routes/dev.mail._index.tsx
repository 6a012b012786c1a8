import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';

import { DevMailFacts } from '../components/dev-mail-facts';
import { ErrorPage } from '../components/error-page';
import { notFound } from '../utils/domain-error';
import { plural } from '../../shared/format';
import { loaderHeadersOnly, PRIVATE_PAGE_HEADERS } from '../utils/private-page';
import { pageMeta } from '../utils/page-meta';

/** Development only: the mails the app wrote as `.eml` files instead of sending them. */
export async function loader({ context }: LoaderFunctionArgs) {
  if (!context.devMailbox) throw notFound();
  return json({ mails: await context.devMailbox.list() }, { headers: PRIVATE_PAGE_HEADERS });
}

export const headers = loaderHeadersOnly;

export const meta = pageMeta('Mail (development) · Expert Booking');

export default function DevMailPage() {
  const { mails } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="page-header">
        <p className="eyebrow">Development</p>
        <h1>Mail</h1>
        <p className="lead">
          Without <code>SMTP_URL</code> the app writes each e-mail to <code>DATA_DIR/mail/</code>{' '}
          instead of sending it. Newest first: {plural(mails.length, 'message')}.
        </p>
      </header>
      {mails.length === 0 ? (
        <p className="empty-note">No mail yet. Book a session and its confirmation shows here.</p>
      ) : (
        <ul className="mail-list">
          {mails.map((mail) => (
            <li key={mail.id} className="card mail-item">
              <h2 className="mail-item__subject">
                <Link to={`/dev/mail/${mail.id}`}>{mail.subject}</Link>
              </h2>
              <DevMailFacts mail={mail} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
