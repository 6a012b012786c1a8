import type { LoaderFunctionArgs } from '@remix-run/node';

import { notFound } from '../utils/domain-error';

/** Development only: one written mail as the `.eml` file, to open in a mail program. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = params.id ?? '';
  const raw = context.devMailbox && (await context.devMailbox.raw(id));
  if (!raw) throw notFound();
  return new Response(new Uint8Array(raw), {
    headers: {
      'Content-Type': 'message/rfc822',
      'Content-Disposition': `attachment; filename="${id}.eml"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
