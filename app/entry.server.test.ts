import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from '@remix-run/node';
import { describe, expect, it } from 'vitest';

import { capturingLogger } from '../test/support/capturing-logger';
import { handleError } from './entry.server';

describe('handleError', () => {
  it('logs an unexpected page error with the path only, never the token in the query', () => {
    const { lines, logger: log } = capturingLogger();
    const url = 'http://booking.example/bookings/abc?token=secret-manage-token&x=1';
    const error = new Error(`Could not load "${url}"`);

    handleError(error, {
      request: new Request(url),
      context: { log } as unknown as AppLoadContext,
      params: {},
    } as LoaderFunctionArgs);

    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { path: string; err: { message: string } };
    expect(line.path).toBe('/bookings/abc');
    expect(line.err.message).toBe('Could not load "http://booking.example/bookings/abc?…"');
    expect(lines[0]).not.toContain('secret-manage-token');
  });

  it('logs Remix’s own refusals of a request (404, 405) as nothing, and its 500s as errors', () => {
    const { lines, logger: log } = capturingLogger();
    const refusal = (status: number) => ({ status, statusText: '', internal: true, data: '' });
    for (const status of [404, 405, 500]) {
      handleError(refusal(status), {
        request: new Request('http://booking.example/console', { method: 'POST' }),
        context: { log } as unknown as AppLoadContext,
        params: {},
      } as ActionFunctionArgs);
    }

    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 50, path: '/console' });
  });
});
