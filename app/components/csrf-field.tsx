import { useRouteLoaderData } from '@remix-run/react';

import type { loader as consoleLoader } from '../routes/console';

/**
 * The hidden field every console form carries: this session's CSRF token, from the console
 * layout's loader. The action compares it with the session's (`context.auth.requireCsrf`).
 */
export function CsrfField() {
  const data = useRouteLoaderData<typeof consoleLoader>('routes/console');
  return <input type="hidden" name="csrf" value={data?.csrfToken ?? ''} />;
}
