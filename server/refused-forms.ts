import type { ActionFunctionArgs, ServerBuild } from '@remix-run/node';

/**
 * Tells a page that the form it answers was refused, so its title can start with "Error:"
 * (WCAG 2.4.2; docs/decisions/016-focus-model.md). Remix's `meta` sees the loaders' data, never
 * the action's answer. Without JavaScript the action and the loaders that draw the answer run in
 * one request and share its load context, so an action that answers 4xx marks the context and
 * the root loader passes the mark on. Every route gets this from the build, none by hand.
 */
export function markRefusedForms(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const action = route.module.action;
      if (!action) return [id, route];
      const marked = async (args: ActionFunctionArgs) => {
        const answer: unknown = await action(args);
        if (answer instanceof Response && answer.status >= 400 && answer.status < 500) {
          args.context.refusedForm = true;
        }
        return answer;
      };
      return [id, { ...route, module: { ...route.module, action: marked } }];
    }),
  );
  return { ...build, routes };
}
