import type { ErrorRequestHandler } from 'express';

import { isMalformedAddressError } from './error-response';
import { refusalPage, sendRefusal } from './refusal';

const MALFORMED_PAGE = refusalPage({
  title: 'Address not valid',
  heading: 'This address is not valid',
  text: 'A % in a web address must begin an escape like %20. Check the link you followed, or start again from the experts.',
  link: { href: '/experts', label: 'Browse experts' },
});

/**
 * A page address that is not valid percent-encoding (`/experts/%`) never reaches Remix: Express'
 * router refuses it while matching. It is the visitor's mistake, answered with a 400 page (or
 * the API's JSON error for a client that does not take HTML), not a failure of ours with a stack
 * trace in the log.
 */
export function malformedAddressRefusal(): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (!isMalformedAddressError(error)) {
      next(error);
      return;
    }
    sendRefusal(req, res, error, MALFORMED_PAGE);
  };
}
