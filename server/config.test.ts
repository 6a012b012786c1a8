import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies defaults and treats empty variables as unset', () => {
    const config = loadConfig({ PORT: '', MONGODB_URI: '' });
    expect(config).toMatchObject({ NODE_ENV: 'development', PORT: 3000, DATA_DIR: '.data' });
    expect(config.MONGODB_URI).toBeUndefined();
  });

  it('reads the values it is given', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      MONGODB_URI: 'mongodb://db.internal:27017/booking',
      ADMIN_TOKEN: 'a-long-enough-admin-token',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(config).toMatchObject({ NODE_ENV: 'production', PORT: 8080 });
  });

  it('stops with one line naming every bad variable', () => {
    const load = () =>
      loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x', ADMIN_TOKEN: 'short' });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      for (const name of ['PORT', 'MONGODB_URI', 'ADMIN_TOKEN']) expect(message).toContain(name);
    }
  });
});
