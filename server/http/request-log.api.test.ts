import { Writable } from 'node:stream';

import { pino } from 'pino';

import { startApiServer, type ApiServer } from '../../test/support/api-server';
import { useTestDatabase, type TestDatabase } from '../../test/support/database';

/** Every line the app logged, as written. */
const logText: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logText.push(chunk.toString('utf8'));
    done();
  },
});

let db: TestDatabase;
let api: ApiServer;

beforeAll(async () => {
  db = await useTestDatabase();
  api = await startApiServer({ logger: pino({ level: 'trace' }, logSink) });
});

afterAll(async () => {
  await api.close();
  await db.close();
});

describe('the request log', () => {
  it('names each request by its path, never its query (a private page’s token, an address)', async () => {
    const token = 'secret-manage-token-0123456789';
    for (const path of [
      `/bookings/0123456789abcdef01234567?token=${token}`,
      `/api/bookings/0123456789abcdef01234567?token=${token}`,
      `/api/bookings?email=ada%40example.com&token=${token}`,
      `/api/nowhere?token=${token}`,
    ]) {
      await (await fetch(`${api.baseUrl}${path}`)).body?.cancel();
    }

    const lines = logText.join('');
    expect(lines).toContain('"path":"/bookings/0123456789abcdef01234567"');
    expect(lines).not.toContain(token);
    expect(lines).not.toContain('ada%40example.com');
  });
});
