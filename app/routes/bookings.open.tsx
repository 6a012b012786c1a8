import { parseWithZod } from '../utils/conform-zod.server';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';

import { ErrorList } from '../components/forms';
import { LIST_LINK_MINUTES, OpenListFormSchema } from '../../shared/schemas/booking-list';
import { browserCookieHeaders, readBrowserToken } from '../utils/booking-browser.server';
import { readDomainError } from '../utils/domain-error';
import { loaderHeadersOnly, PRIVATE_PAGE_HEADERS } from '../utils/private-page';
import { readForm } from '../utils/read-form';
import { useIsPending } from '../utils/use-is-pending';
import { useErrorTitle } from '../utils/error-title';
import { formPageMeta } from '../utils/page-meta';

const LINK_USED =
  'This link has expired or was already used. Ask for a new one on the My bookings page.';

/**
 * The page a list link opens. Only the button uses the link up: mail scanners that fetch
 * links as they arrive would otherwise spend it before the person clicks.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  return json({ token }, { headers: PRIVATE_PAGE_HEADERS });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: OpenListFormSchema });
  if (submission.status !== 'success') {
    return json(submission.reply({ formErrors: [LINK_USED] }), { status: 400 });
  }
  try {
    const opened = await context.services.bookings.openListLink(
      submission.value.token,
      await readBrowserToken(request),
    );
    return redirect(`/bookings?email=${encodeURIComponent(opened.email)}`, {
      status: 303,
      headers: await browserCookieHeaders(request, opened.browserToken),
    });
  } catch (error) {
    const failure = readDomainError(error);
    if (failure?.code !== 'NOT_FOUND') throw error;
    return json(submission.reply({ formErrors: [LINK_USED] }), { status: failure.status });
  }
}

export const headers = loaderHeadersOnly;

// The address holds a key to someone's list: no search engine.
export const meta = formPageMeta('Open my bookings · Expert Booking', {
  name: 'robots',
  content: 'noindex',
});

export default function OpenListPage() {
  const { token } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const pending = useIsPending();
  const errors = lastResult?.error?.[''] ?? undefined;
  useErrorTitle(Boolean(errors?.length));
  return (
    <div className="stack narrow">
      <header className="page-header">
        <h1>Open my bookings</h1>
        <p className="lead">
          This link opens the list of your bookings in this browser, once, within{' '}
          {LIST_LINK_MINUTES} minutes of the e-mail.
        </p>
      </header>
      <Form method="post" className="card lookup-form" aria-label="Open my bookings">
        <input type="hidden" name="token" value={token} />
        <ErrorList id="open-error" errors={errors} />
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Opening…' : 'Show my bookings'}
        </button>
      </Form>
      {errors ? (
        <p>
          <Link to="/bookings">Go to My bookings</Link>
        </p>
      ) : null}
    </div>
  );
}
