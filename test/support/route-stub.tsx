import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { json, type ActionFunctionArgs } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { createRemixStub } from '@remix-run/testing';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { $ZodType } from 'zod/v4/core';

type StubRoute = Parameters<typeof createRemixStub>[0][number];

/** Renders one stub route at `path`, as a person who opens that address sees it. */
export function renderRoute(path: string, route: Omit<StubRoute, 'path'>) {
  const Stub = createRemixStub([{ ...route, path } as StubRoute]);
  return render(<Stub initialEntries={[path]} />);
}

/**
 * A form on a stub route at `path`: `form` gets the action's last answer as its route module
 * would hand it down, and `action` plays the server.
 */
export function renderFormRoute(
  path: string,
  form: (lastResult: SubmissionResult<string[]> | undefined) => ReactElement,
  action: (args: ActionFunctionArgs) => Promise<Response>,
) {
  return renderRoute(path, {
    Component() {
      return form(useActionData<SubmissionResult<string[]>>());
    },
    action,
  });
}

/** An action that checks the form with `schema` as the server does: Conform's reply, 400 if refused. */
export function replyWithSchema(schema: $ZodType) {
  return async ({ request }: ActionFunctionArgs) => {
    const submission = parseWithZod(await request.formData(), { schema });
    return json(submission.reply(), { status: submission.status === 'error' ? 400 : 200 });
  };
}
