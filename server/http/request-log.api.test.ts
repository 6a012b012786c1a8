import { useApiServer } from '../../test/support/api-server';
import { capturingLogger } from '../../test/support/capturing-logger';

const log = capturingLogger('trace');
const api = await useApiServer({ logger: log.logger });

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

    const lines = log.lines.join('');
    expect(lines).toContain('"path":"/bookings/0123456789abcdef01234567"');
    expect(lines).not.toContain(token);
    expect(lines).not.toContain('ada%40example.com');
  });
});
