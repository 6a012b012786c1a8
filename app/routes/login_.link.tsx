import { getFormProps, useForm } from '@conform-to/react';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';

import { ConformTextField, ErrorList } from '../components/forms';
import {
  SIGN_IN_LINK_SENT,
  SignInLinkRequestSchema,
  type SignInLinkRequest,
} from '../../shared/schemas/user';
import { getZodConstraint, parseWithZod } from '../utils/conform-zod.server';
import { loaderHeadersOnly, PRIVATE_PAGE_HEADERS } from '../utils/private-page';
import { readForm } from '../utils/read-form';
import { safeRedirectPath } from '../utils/safe-redirect';
import { useIsPending } from '../utils/use-is-pending';
import { useErrorTitle } from '../utils/error-title';
import { formPageMeta } from '../utils/page-meta';

/**
 * A one-time sign-in link: asked for here with an address, it arrives by e-mail as
 * `/login/link?token=…`. Opening it only shows a button: the link is used up by the POST that
 * button sends, so a mail scanner that fetches every link does not spend it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return json(
    {
      token: url.searchParams.get('token') ?? '',
      redirectTo: safeRedirectPath(url.searchParams.get('redirectTo')),
      constraint: getZodConstraint(SignInLinkRequestSchema),
    },
    { headers: PRIVATE_PAGE_HEADERS },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const token = formData.get('token');
  if (typeof token === 'string') {
    const outcome = await context.auth.signInWithLink(request, token);
    if (!outcome.ok) {
      return json(
        { used: true, linkSent: false, errors: outcome.errors, result: null },
        { status: 400, headers: PRIVATE_PAGE_HEADERS },
      );
    }
    const redirectTo = formData.get('redirectTo');
    return redirect(safeRedirectPath(typeof redirectTo === 'string' ? redirectTo : null), {
      headers: { 'Set-Cookie': outcome.setCookie },
    });
  }
  const submission = parseWithZod(formData, { schema: SignInLinkRequestSchema });
  if (submission.status !== 'success') {
    return json(
      { used: false, linkSent: false, errors: [], result: submission.reply() },
      { status: 400, headers: PRIVATE_PAGE_HEADERS },
    );
  }
  await context.auth.sendSignInLink(request, submission.value.email);
  return json(
    { used: false, linkSent: true, errors: [], result: submission.reply({ resetForm: true }) },
    { headers: PRIVATE_PAGE_HEADERS },
  );
}

export const headers = loaderHeadersOnly;

export const meta = formPageMeta('Sign in with a link · Expert Booking');

export default function SignInLinkPage() {
  const { token, redirectTo, constraint } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const pending = useIsPending();
  const [form, fields] = useForm<SignInLinkRequest>({
    id: 'sign-in-link-form',
    lastResult: answer?.result,
    constraint,
  });
  useErrorTitle(
    Boolean(answer?.errors.length || form.errors?.length || fields.email.errors?.length),
  );

  if (token && !answer?.used) {
    return (
      <div className="stack narrow">
        <header className="page-header">
          <h1>Finish signing in</h1>
          <p className="lead">This link signs you in once. Press the button to use it now.</p>
        </header>
        <Form method="post" className="card lookup-form">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <button type="submit" className="button button--primary" disabled={pending}>
            {pending ? 'Signing in…' : 'Sign in'}
          </button>
        </Form>
      </div>
    );
  }

  return (
    <div className="stack narrow">
      <header className="page-header">
        <h1>Sign in with a link</h1>
        <p className="lead">
          We e-mail a link to your account’s address that signs you in once, within 15 minutes, even
          while too many wrong passwords hold the account back.
        </p>
      </header>
      <Form method="post" className="card lookup-form" {...getFormProps(form)}>
        <div role="alert" className="form-alert-region">
          <ErrorList id={form.errorId} errors={answer?.errors} />
        </div>
        <p role="status">{answer?.linkSent ? SIGN_IN_LINK_SENT : ''}</p>
        <ConformTextField label="Email" field={fields.email} type="email" autoComplete="username" />
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Sending…' : 'Send me a sign-in link'}
        </button>
      </Form>
      <p>
        <Link to={`/login?redirectTo=${encodeURIComponent(redirectTo)}`}>
          Sign in with your password
        </Link>
      </p>
    </div>
  );
}
