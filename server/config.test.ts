import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies defaults and treats empty variables as unset', () => {
    const config = loadConfig({ PORT: '', MONGODB_URI: '' });
    expect(config).toMatchObject({ NODE_ENV: 'development', PORT: 3000, DATA_DIR: '.data' });
    expect(config.MONGODB_URI).toBeUndefined();
  });

  it('listens on loopback unless in production or HOST says otherwise', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'development' }).HOST).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'development', HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'a-session-secret-of-32-characters' })
        .HOST,
    ).toBe('0.0.0.0');
  });

  it('reads the values it is given', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      MONGODB_URI: 'mongodb://db.internal:27017/booking',
      ADMIN_TOKEN: 'a-long-enough-admin-token',
      REDIS_URL: 'redis://127.0.0.1:6379',
      SESSION_SECRET: 'a-session-secret-of-32-characters',
    });
    expect(config).toMatchObject({ NODE_ENV: 'production', PORT: 8080 });
  });

  it('reads the mail settings, with a sender by default and no SMTP', () => {
    expect(loadConfig({})).toMatchObject({
      MAIL_FROM: 'Expert Booking <bookings@expert-booking.localhost>',
    });
    expect(loadConfig({}).SMTP_URL).toBeUndefined();
    expect(loadConfig({}).APP_URL).toBeUndefined();
    const config = loadConfig({
      SMTP_URL: 'smtps://user:secret@smtp.example.com:465',
      MAIL_FROM: 'bookings@example.com',
      APP_URL: 'https://booking.example.com',
    });
    expect(config).toMatchObject({
      SMTP_URL: 'smtps://user:secret@smtp.example.com:465',
      MAIL_FROM: 'bookings@example.com',
      APP_URL: 'https://booking.example.com',
    });
  });

  it('names bad mail settings without repeating their values', () => {
    const load = () =>
      loadConfig({
        SMTP_URL: 'http://user:secret@smtp.example.com',
        MAIL_FROM: 'Expert Booking',
        APP_URL: 'booking.example.com',
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/SMTP_URL .*MAIL_FROM .*APP_URL /);
    expect(load).not.toThrow(/secret/);
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

  it('reads how many new bookings a process makes at once, 8 unless told, and refuses 0 or a fraction', () => {
    expect(loadConfig({}).NEW_BOOKINGS_AT_ONCE).toBe(8);
    expect(loadConfig({ NEW_BOOKINGS_AT_ONCE: '32' }).NEW_BOOKINGS_AT_ONCE).toBe(32);
    for (const bad of ['0', '2.5', 'many', '1001']) {
      expect(() => loadConfig({ NEW_BOOKINGS_AT_ONCE: bad })).toThrow(
        /NEW_BOOKINGS_AT_ONCE.*whole number from 1 to 1000/,
      );
    }
  });

  it('reads the rate limits and Express’ trust proxy setting', () => {
    expect(loadConfig({})).toMatchObject({
      RATE_LIMIT_WRITES_PER_MINUTE: 30,
      RATE_LIMIT_REQUESTS_PER_MINUTE: 1200,
      TRUST_PROXY: false,
    });
    expect(loadConfig({ RATE_LIMIT_WRITES_PER_MINUTE: '0' }).RATE_LIMIT_WRITES_PER_MINUTE).toBe(0);
    const trust = (TRUST_PROXY: string) => loadConfig({ TRUST_PROXY }).TRUST_PROXY;
    expect(trust('true')).toBe(true);
    expect(trust('2')).toBe(2);
    expect(trust('loopback, 10.0.0.0/8, 2001:db8::1')).toEqual([
      'loopback',
      '10.0.0.0/8',
      '2001:db8::1',
    ]);
    for (const bad of ['yes', '10.0.0.0/33', 'proxy.internal']) {
      expect(() => trust(bad)).toThrow(/TRUST_PROXY/);
    }
    expect(() => loadConfig({ RATE_LIMIT_REQUESTS_PER_MINUTE: '-1' })).toThrow(
      /RATE_LIMIT_REQUESTS_PER_MINUTE/,
    );
  });

  it('requires a session secret of 32 characters or more in production, and only there', () => {
    const production = () => loadConfig({ NODE_ENV: 'production' });
    expect(production).toThrow(ConfigError);
    expect(production).toThrow(/SESSION_SECRET is required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(
      /SESSION_SECRET must be at least 32 characters long/,
    );
    // A secret is never repeated in the message, even a bad one.
    expect(() => loadConfig({ SESSION_SECRET: 'short-secret' })).not.toThrow(/short-secret/);
    const secret = 'a-session-secret-of-32-characters';
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret }).SESSION_SECRET).toBe(
      secret,
    );
    expect(loadConfig({ NODE_ENV: 'development' }).SESSION_SECRET).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'test' }).SESSION_SECRET).toBeUndefined();
  });

  it('reads the seed admin only as a pair, with a password of 12 characters or more', () => {
    expect(
      loadConfig({ SEED_ADMIN_EMAIL: 'Admin@Example.com', SEED_ADMIN_PASSWORD: 'long enough pw' }),
    ).toMatchObject({
      SEED_ADMIN_EMAIL: 'admin@example.com',
      SEED_ADMIN_PASSWORD: 'long enough pw',
    });
    expect(() => loadConfig({ SEED_ADMIN_EMAIL: 'admin@example.com' })).toThrow(
      /SEED_ADMIN_EMAIL and SEED_ADMIN_PASSWORD must be set together/,
    );
    const bad = () => loadConfig({ SEED_ADMIN_EMAIL: 'admin', SEED_ADMIN_PASSWORD: 'tiny-secret' });
    expect(bad).toThrow(/SEED_ADMIN_EMAIL must be an email address; SEED_ADMIN_PASSWORD must be/);
    expect(bad).not.toThrow(/tiny-secret/);
  });
});
