import { getFormProps, useForm } from '@conform-to/react';
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';

import { ConformTextField, FormErrorSummary } from '../components/forms';
import { LoginFormSchema, type LoginForm } from '../../shared/schemas/user';
import { getZodConstraint, parseWithZod } from '../utils/conform-zod.server';
import { PRIVATE_PAGE_HEADERS } from '../utils/private-page';
import { readForm } from '../utils/read-form';
import { safeRedirectPath } from '../utils/safe-redirect';
import { useIsPending } from '../utils/use-is-pending';
import { formPageMeta } from '../utils/page-meta';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const requested = new URL(request.url).searchParams.get('redirectTo');
  const redirectTo = safeRedirectPath(requested);
  if (await context.auth.getUser(request)) throw redirect(redirectTo);
  // The browser checks the fields' constraints; the adapter itself stays on the server.
  return json(
    { redirectTo, constraint: getZodConstraint(LoginFormSchema) },
    { headers: PRIVATE_PAGE_HEADERS },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: LoginFormSchema });
  if (submission.status !== 'success') {
    return json({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 });
  }
  const outcome = await context.auth.signIn(request, submission.value);
  if (!outcome.ok) {
    // Over the limit the password is not even checked, whoever typed it: the owner gets in by
    // a link sent to the account's address instead.
    const limited = outcome.retryAfterSeconds !== undefined;
    const formErrors = limited ? [...outcome.errors, LOCKED_OUT_HINT] : outcome.errors;
    return json(
      { result: submission.reply({ formErrors, hideFields: ['password'] }) },
      {
        status: limited ? 429 : 400,
        headers: limited
          ? { ...PRIVATE_PAGE_HEADERS, 'Retry-After': String(outcome.retryAfterSeconds) }
          : PRIVATE_PAGE_HEADERS,
      },
    );
  }
  return redirect(safeRedirectPath(submission.value.redirectTo), {
    headers: { 'Set-Cookie': outcome.setCookie },
  });
}

const LOCKED_OUT_HINT =
  'If this is your account, “Send me a sign-in link” below still lets you in, by e-mail.';

/** The page's privacy is its loader's; a refusal over the sign-in limit also says when to retry. */
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const headers = new Headers(loaderHeaders);
  const retryAfter = actionHeaders.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
};

export const meta = formPageMeta('Sign in · Expert Booking');

export default function LoginPage() {
  const { redirectTo, constraint } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const pending = useIsPending();
  const [form, fields] = useForm<LoginForm>({
    id: 'login-form',
    lastResult: answer?.result,
    constraint,
  });

  return (
    <div className="stack narrow">
      <header className="page-header">
        <h1>Sign in</h1>
        <p className="lead">For experts and administrators: your bookings console.</p>
      </header>
      <Form method="post" className="card lookup-form" {...getFormProps(form)}>
        <div role="alert" className="form-alert-region">
          {form.errors?.length || fields.email.errors?.length || fields.password.errors?.length ? (
            <FormErrorSummary
              id={form.errorId}
              title="We could not sign you in."
              formErrors={form.errors}
              fields={[
                { id: fields.email.id, label: 'Email', errors: fields.email.errors },
                { id: fields.password.id, label: 'Password', errors: fields.password.errors },
              ]}
            />
          ) : null}
        </div>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <ConformTextField label="Email" field={fields.email} type="email" autoComplete="username" />
        <ConformTextField
          label="Password"
          field={fields.password}
          type="password"
          autoComplete="current-password"
        />
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </Form>
      <p>
        Locked out, or forgot your password?{' '}
        <Link to={`/login/link?redirectTo=${encodeURIComponent(redirectTo)}`}>
          Send me a sign-in link
        </Link>
      </p>
    </div>
  );
}
