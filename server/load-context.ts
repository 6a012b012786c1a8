import type { Logger } from './logger';
import type { DevMailbox } from './mail';
import type { Services } from './services';

declare module '@remix-run/node' {
  // Remix merges this into the context every loader and action receives.
  interface AppLoadContext {
    services: Services;
    /** The `.eml` files written in development; absent elsewhere, and `/dev/mail` answers 404. */
    devMailbox?: DevMailbox;
    /** Per-request nonce that lets Remix's inline scripts pass the Content-Security-Policy. */
    cspNonce: string;
    /** This request's logger: every line it writes carries the request id. */
    log: Logger;
  }
}

export type { AppLoadContext as LoadContext } from '@remix-run/node';
