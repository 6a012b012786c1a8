import { isIP } from 'node:net';

import { z } from 'zod';

/** Names Express accepts for well-known address ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const MESSAGE =
  'must be false, true, a number of proxy hops, or comma-separated proxy addresses ' +
  '(IP, IP/prefix, loopback, linklocal, uniquelocal)';

function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (isIP(prefix) !== 0) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Express' `trust proxy` setting, from one environment variable: which hops in front of us may
 * say who the client is (X-Forwarded-For). The rate limits count per client address, so behind a
 * proxy without it every client would share the proxy's one address and its one limit.
 */
export const TrustProxySchema = z
  .string()
  .trim()
  .transform((value, context): boolean | number | string[] => {
    if (value === 'false') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.every(isProxyAddress)) return entries;
    context.addIssue({ code: 'custom', message: MESSAGE });
    return z.NEVER;
  })
  .default(false);
