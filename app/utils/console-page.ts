import type { LinksFunction } from '@remix-run/node';

import consoleStyles from '../styles/console-experts.css';
import { alwaysPrivate } from './private-page';

/**
 * What every availability and expert page of the console exports alike: its stylesheet, and
 * headers that keep it private and out of every cache, its error pages too.
 */
export const consoleLinks: LinksFunction = () => [{ rel: 'stylesheet', href: consoleStyles }];

export const consoleHeaders = alwaysPrivate;
