import {
  createReadableStreamFromReadable,
  type ActionFunctionArgs,
  type AppLoadContext,
  type EntryContext,
  type LoaderFunctionArgs,
} from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';

import { loggableError, pathOf } from './utils/log-redaction';
import { withoutNulPadding } from './utils/nul-padding.server';
import { NonceProvider } from './utils/nonce';

const ABORT_DELAY = 5_000;

/**
 * Renders each page. The per-request nonce from the load context reaches every script Remix and
 * React write, so the strict Content-Security-Policy (`'strict-dynamic'` + nonce) lets them run.
 * Bots (and JS-less crawlers) get the whole document at once; browsers get it streamed.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode;

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Cleared once everything is rendered: left running, each timer would keep its page's whole
    // render alive for ABORT_DELAY, hundreds of them under load, for the collector to carry.
    const timer = setTimeout(() => abort(), ABORT_DELAY);
    const respond = () => {
      shellRendered = true;
      const body = withoutNulPadding();
      responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) respond();
        },
        onAllReady() {
          clearTimeout(timer);
          if (waitForAll) respond();
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors while streaming after the shell would otherwise vanish; before it, Remix logs them.
          if (shellRendered) {
            loadContext.log.error(
              { err: loggableError(error), path: pathOf(request.url) },
              'page streaming failed',
            );
          }
        },
      },
    );
  });
}

/**
 * Server-side errors Remix reports: the unexpected ones are logged with the request id and the
 * path (never the query, which may hold a private page's token); a URL that matches no route is
 * just a 404 page, a method a route does not take a 405, and a request the browser gave up on is
 * nobody's problem.
 */
export function handleError(
  error: unknown,
  { request, context }: LoaderFunctionArgs | ActionFunctionArgs,
) {
  if (request.signal.aborted) return;
  // Remix's own refusals (no route: 404; a POST to a page without a form: 405) are answers, not
  // failures: as errors, any stranger could fill the error log with them.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  context.log.error(
    { err: loggableError(error), path: pathOf(request.url) },
    'page request failed',
  );
}
