import type { RequestHandler } from 'express';

import { isCrossSite } from '../auth/same-origin';
import { ForbiddenError } from '../errors';
import { refusalPage, sendRefusal } from './refusal';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const FOREIGN_FORM_PAGE = refusalPage({
  title: 'Form from another site',
  heading: 'This form came from another site',
  text:
    'For your safety we only accept forms sent from our own pages. Nothing was changed. Please ' +
    'open the page on this site and send the form from there.',
});

/**
 * Refuses a form that a page of another site posts to one of ours, before Remix sees it. Remix
 * refuses such a document request itself, but as a 500 logged as an error (its CSRF check throws
 * when `Origin` differs from `X-Forwarded-Host`, else `Host`); its data requests it lets through.
 * Both get a 403 here, judged by the host Remix compares with.
 */
export function crossSiteFormGuard(): RequestHandler {
  return (req, res, next) => {
    if (READ_METHODS.has(req.method)) {
      next();
      return;
    }
    const forwardedHost = req.get('x-forwarded-host')?.split(',')[0]?.trim();
    const foreign = isCrossSite({
      origin: req.get('origin'),
      secFetchSite: req.get('sec-fetch-site'),
      host: forwardedHost || (req.get('host') ?? ''),
    });
    if (!foreign) {
      next();
      return;
    }
    req.log.info({ origin: req.get('origin') ?? null }, 'form from another site refused');
    sendRefusal(
      req,
      res,
      new ForbiddenError('Forms are accepted from this site’s own pages only.'),
      FOREIGN_FORM_PAGE,
    );
  };
}
