import { describe, expect, it } from 'vitest';

import { withSessionSecret } from './env-file';

describe('withSessionSecret', () => {
  it('adds the secret to a missing or empty .env, keeping what is there', () => {
    expect(withSessionSecret('', 's3cret')).toMatch(/^# .*\nSESSION_SECRET=s3cret\n$/);
    expect(withSessionSecret('PORT=4000', 's3cret')).toMatch(
      /^PORT=4000\n# .*\nSESSION_SECRET=s3cret\n$/,
    );
  });

  it('fills in an empty SESSION_SECRET line where it stands', () => {
    expect(withSessionSecret('PORT=4000\nSESSION_SECRET=\nHOST=::\n', 's3cret')).toBe(
      'PORT=4000\nSESSION_SECRET=s3cret\nHOST=::\n',
    );
  });

  it('leaves a .env that already sets one alone', () => {
    expect(withSessionSecret('SESSION_SECRET=mine-0123456789\n', 's3cret')).toBeUndefined();
  });
});
