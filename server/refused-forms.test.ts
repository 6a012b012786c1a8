import type { ActionFunctionArgs, AppLoadContext, ServerBuild } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { describe, expect, it } from 'vitest';

import { markRefusedForms } from './refused-forms';

type Action = (args: ActionFunctionArgs) => Promise<unknown>;

/** A build of one route whose action is `action`, the way Remix's compiler lays one out. */
function buildWith(action?: Action): ServerBuild {
  const route = { id: 'routes/login', path: 'login', module: { default: () => null, action } };
  return { routes: { 'routes/login': route } } as unknown as ServerBuild;
}

/** Runs the marked build's action as Remix would, and says what the request's context holds. */
async function contextAfter(action: Action): Promise<AppLoadContext> {
  const marked = markRefusedForms(buildWith(action)).routes['routes/login']!.module.action!;
  const context = {} as AppLoadContext;
  const request = new Request('http://localhost/login', { method: 'POST' });
  try {
    await marked({ request, context, params: {} });
  } catch {
    // A thrown answer is an error page, which has a title of its own.
  }
  return context;
}

describe('markRefusedForms', () => {
  it('marks the request of an action that answers 4xx', async () => {
    for (const status of [400, 401, 409, 422, 429]) {
      const context = await contextAfter(async () => json({ ok: false }, { status }));
      expect(context.refusedForm, `status ${status}`).toBe(true);
    }
  });

  it('leaves a form that went through, or a thrown answer, unmarked', async () => {
    const answers: Action[] = [
      async () => json({ ok: true }),
      async () => redirect('/console'),
      async () => ({ plain: 'data' }),
      async () => {
        throw json({ missing: true }, { status: 404 });
      },
      async () => {
        throw new Error('connection refused');
      },
    ];
    for (const answer of answers) expect((await contextAfter(answer)).refusedForm).toBeUndefined();
  });

  it('gives the action’s answer back untouched, and routes without an action stay so', async () => {
    const answer = json({ result: 'refused' }, { status: 400 });
    const build = markRefusedForms(buildWith(async () => answer));
    const context = {} as AppLoadContext;
    const request = new Request('http://localhost/login', { method: 'POST' });
    const action = build.routes['routes/login']!.module.action!;
    expect(await action({ request, context, params: {} })).toBe(answer);
    expect(markRefusedForms(buildWith()).routes['routes/login']!.module.action).toBeUndefined();
  });
});
