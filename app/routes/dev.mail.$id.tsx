import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';

import { DevMailFacts } from '../components/dev-mail-facts';
import { ErrorPage, errorTitle } from '../components/error-page';
import { notFound } from '../utils/domain-error';
import { loaderHeadersOnly, PRIVATE_PAGE_HEADERS } from '../utils/private-page';

const NO_SUCH_MAIL = 'There is no mail with that id in DATA_DIR/mail/.';

/** Development only: one written mail, its headers and its text as the recipient reads it. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const mail = context.devMailbox && (await context.devMailbox.open(params.id ?? ''));
  if (!mail) throw notFound(context.devMailbox ? NO_SUCH_MAIL : undefined);
  return json({ mail }, { headers: PRIVATE_PAGE_HEADERS });
}

export const headers = loaderHeadersOnly;

export const meta: MetaFunction<typeof loader> = ({ data, error }) => [
  {
    title: data
      ? `${data.mail.subject} · Mail (development) · Expert Booking`
      : errorTitle(error, 'Mail not found'),
  },
];

export default function DevMailMessagePage() {
  const { mail } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p className="breadcrumb">
        <Link to="/dev/mail">All mail</Link>
      </p>
      <article className="card stack" aria-labelledby="mail-subject">
        <h1 id="mail-subject">{mail.subject}</h1>
        <DevMailFacts mail={mail} />
        <pre className="mail-text">{mail.text}</pre>
      </article>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage notFoundText={NO_SUCH_MAIL} />;
}
