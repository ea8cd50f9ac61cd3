/**
 * npm run smoke against the local server, in normal and redirect mode.
 */
import { RunningServer, startServer } from '../../local/server';
import { smoke } from '../../scripts/smoke';

describe.each([false, true])('smoke, redirect mode %s', (redirect) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, redirect, log: () => undefined });
  });
  afterAll(() => server.close());

  test.each([false, true])('a known email passes (POST %s)', async (post) => {
    const result = await smoke({ url: server.execUrl, key: server.key, email: 'olivia.smith@example.com', post });
    expect(result).toMatchObject({ ok: true, status: 200, verdict: 'contact found' });
    expect(result.body).toContain('Name: Olivia Smith');
    expect(result.ms).toBeGreaterThanOrEqual(0);
  });

  test('the key with the email glued on, as SnapEngage may send it', async () => {
    expect(
      await smoke({ url: server.execUrl, key: server.key, email: 'olivia.smith@example.com', glued: true }),
    ).toMatchObject({ ok: true });
  });

  test('a wrong key fails', async () => {
    expect(await smoke({ url: server.execUrl, key: 'wrong', email: 'olivia.smith@example.com' })).toMatchObject({
      ok: false,
      verdict: 'refused: the key is wrong or missing',
    });
  });

  test('an unknown email fails unless a no-match is expected', async () => {
    expect(await smoke({ url: server.execUrl, key: server.key, email: 'nobody@example.com' })).toMatchObject({
      ok: false,
    });
    expect(
      await smoke({ url: server.execUrl, key: server.key, email: 'nobody@example.com', expectNoMatch: true }),
    ).toMatchObject({ ok: true });
  });

  test('an error text fails', async () => {
    expect(await smoke({ url: server.execUrl, key: server.key, email: 'not-an-email' })).toMatchObject({
      ok: false,
      verdict: 'the request was refused as malformed',
    });
  });

  test('--status: up and its version, without a key or any contact data', async () => {
    const result = await smoke({ url: server.execUrl, status: true });
    expect(result).toMatchObject({ ok: true, verdict: 'up' });
    expect(result.body).toMatch(/^Contact lookup is running\. Version \d+\.\d+\.\d+\+\w+\.$/);
  });
});
