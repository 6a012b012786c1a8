import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { APP_NODE_FLAGS } from './app-process';

describe('the app process', () => {
  it('runs with the same node flags as `npm start`', () => {
    const { scripts } = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as { scripts: Record<string, string> };
    expect(scripts.start).toBe(
      `NODE_ENV=production node ${APP_NODE_FLAGS.join(' ')} build/server.js`,
    );
  });
});
