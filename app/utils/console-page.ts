import type { LinksFunction } from '@remix-run/node';

import consoleStyles from '../styles/console-experts.css';
import { loaderHeadersOnly } from './private-page';

/**
 * What every availability and expert page of the console exports alike: its stylesheet, and its
 * loader's headers (the private, never-cached ones) as the page's.
 */
export const consoleLinks: LinksFunction = () => [{ rel: 'stylesheet', href: consoleStyles }];

export const consoleHeaders = loaderHeadersOnly;
