import type { RequestAuth } from './auth';
import type { Logger } from './logger';
import type { DevMailbox } from './mail';
import type { Services } from './services';
import type { BookingLink } from './services/booking-mail';

declare module '@remix-run/node' {
  // Remix merges this into the context every loader and action receives.
  interface AppLoadContext {
    services: Services;
    /** The signed-in user and the guards of the console's forms. */
    auth: RequestAuth;
    /** The `.eml` files written in development; absent elsewhere, and `/dev/mail` answers 404. */
    devMailbox?: DevMailbox;
    /** A booking's calendar file; absent where no mail module runs, and the download is a 404. */
    bookingCalendar?: (link: BookingLink) => string;
    /** Per-request nonce that lets Remix's inline scripts pass the Content-Security-Policy. */
    cspNonce: string;
    /** This request's logger: every line it writes carries the request id. */
    log: Logger;
    /** Set while this request's action answered 4xx (`markRefusedForms`), for its page's title. */
    refusedForm?: boolean;
  }
}

export type { AppLoadContext as LoadContext } from '@remix-run/node';
