/**
 * npm run smoke: its options, its verdicts and its timings, against the local emulator (with and
 * without Google's redirect) and against injected answers for what only Google sends.
 */
import net from 'node:net';
import { RunningServer, startServer } from '../../local/server';
import { formatReport, parseSmokeArgs, runSmoke, smokeMain, testChat, USAGE } from '../../scripts/smoke';

describe('options', () => {
  test('the URL exactly as Set up shows it, key inside, is enough', () => {
    expect(parseSmokeArgs(['https://script.google.com/macros/s/X/exec?key=K1', '--email', 'a@b.co'])).toMatchObject({
      url: 'https://script.google.com/macros/s/X/exec',
      key: 'K1',
      email: 'a@b.co',
      count: 1,
    });
    expect(
      parseSmokeArgs(['https://h/exec', '--key', 'K2', '--email', 'a@b.co', '--count', '20', '--json']),
    ).toMatchObject({ key: 'K2', count: 20, json: true });
    expect(parseSmokeArgs(['https://h/exec', '--status'])).toMatchObject({ status: true });
  });

  test.each([
    [['--email', 'a@b.co'], 'the web app URL is missing'],
    [['https://h/exec', '--email', 'a@b.co'], 'the key is missing'],
    [['https://h/exec?key=A', '--key', 'B', '--email', 'a@b.co'], 'different keys'],
    [['https://h/exec?key=A'], '--email is required'],
    [['https://h/exec?key=A', '--email', 'a@b.co', '--count', '0'], '--count takes a whole number'],
    [['https://h/exec?key=A', '--email'], '--email needs a value'],
    [['https://h/exec?key=A', '--frobnicate'], 'unknown option --frobnicate'],
    [['https://h/exec?key=A', '--json=yes', '--email', 'a@b.co'], '--json takes no value'],
    [['script.google.com/macros/s/X/exec?key=A', '--email', 'a@b.co'], 'must start with http:// or https://'],
    [['https://h/exec?key=A', 'https://other/exec', '--email', 'a@b.co'], 'unexpected argument https://other/exec'],
    [['https://h/exec?key=A', '--email', 'a@b.co', '--email', 'c@d.co'], '--email is given twice'],
    [['https://h/exec', '--status', '--post'], '--status cannot go with --post'],
    [['https://h/exec', '--status', '--count', '3'], '--status cannot go with --count'],
    [['https://h/exec?key=A', '--status', '--email', 'a@b.co'], '--status cannot go with --email'],
    [['https://h/exec?key=A', '--status', '--chat'], '--status cannot go with --chat'],
    [['https://h/exec?key=A', '--chat', '--count', '2'], '--chat cannot go with --count'],
    [['https://h/exec?key=A', '--chat', '--post'], '--chat cannot go with --post'],
    [['https://h/exec?key=A', '--email', 'a@b.co', '--post', '--glued'], '--post cannot go with --glued'],
  ])('%j is refused in one line: %s', (argv, message) => {
    expect(() => parseSmokeArgs(argv)).toThrow(message);
    try {
      parseSmokeArgs(argv);
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
    }
  });
});

describe('the command: one JSON document on stdout with --json, whatever happens', () => {
  async function run(argv: string[], fetcher?: typeof fetch) {
    const out: string[] = [];
    const err: string[] = [];
    const status = await smokeMain(argv, fetcher, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { status, out: out.join('\n'), err: err.join('\n') };
  }
  const answer = (body: string, status = 200) =>
    (async () => new Response(body, { status, headers: { 'content-type': 'text/plain' } })) as unknown as typeof fetch;

  test('a wrong option: exit 2, the problem and the usage on stderr, one JSON document on stdout', async () => {
    const result = await run(['https://h/exec', '--status', '--post', '--json']);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.out)).toEqual({
      ok: false,
      verdict: 'usage: --status cannot go with --post: a status check sends one GET, no lookup',
    });
    expect(result.err.split('\n')).toEqual([expect.stringMatching(/^smoke: --status cannot go with --post/), USAGE]);
  });

  test('a wrong option without --json: nothing on stdout', async () => {
    const result = await run(['https://h/exec', '--bogus']);
    expect(result).toMatchObject({ status: 2, out: '' });
    expect(result.err).toBe(`smoke: unknown option --bogus\n${USAGE}`);
  });

  test('a deployment that answers wrongly: exit 1, the report as the only document', async () => {
    const result = await run(['https://h/exec', '--status', '--json'], answer('<html><title>Error</title></html>'));
    expect(result.status).toBe(1);
    expect(JSON.parse(result.out)).toMatchObject({ ok: false, mode: 'status' });
  });

  test('nothing answers: exit 2, one JSON document naming the cause', async () => {
    const refused = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    }) as unknown as typeof fetch;
    const result = await run(['https://h/exec', '--status', '--json'], refused);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.out)).toEqual({
      ok: false,
      verdict: expect.stringContaining('the connection was refused'),
    });
    expect(result.err).toContain('smoke: cannot reach h');
  });

  test('a deployment that answers rightly: exit 0', async () => {
    const result = await run(
      ['https://h/exec', '--status', '--json'],
      answer('Contact lookup is running. Version 1.0.0+abc.'),
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ ok: true, verdict: 'up' });
    expect(result.err).toBe('');
  });
});

describe.each([true, false])('against the local emulator, redirect %s', (redirect) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, redirect, log: () => undefined });
  });
  afterAll(() => server.close());
  const url = () => `${server.execUrl}?key=${server.key}`;

  test.each([false, true])('a known email passes (POST %s)', async (post) => {
    const report = await runSmoke(
      parseSmokeArgs([url(), '--email', 'olivia.smith@example.com', ...(post ? ['--post'] : [])]),
    );
    expect(report).toMatchObject({ ok: true, status: 200, verdict: 'contact found', redirected: redirect });
    expect(report.body).toContain('Name: Olivia Smith');
  });

  test('the key with the email glued on, as SnapEngage may send it', async () => {
    expect(await runSmoke(parseSmokeArgs([url(), '--email', 'olivia.smith@example.com', '--glued']))).toMatchObject({
      ok: true,
    });
  });

  test('a wrong key, an unknown email, a malformed request fail; --expect-no-match passes', async () => {
    const run = (...argv: string[]) => runSmoke(parseSmokeArgs(argv));
    expect(await run(server.execUrl, '--key', 'wrong', '--email', 'olivia.smith@example.com')).toMatchObject({
      ok: false,
      verdict: 'refused: the key is wrong or missing',
    });
    expect(await run(url(), '--email', 'nobody@example.com')).toMatchObject({ ok: false });
    expect(await run(url(), '--email', 'nobody@example.com', '--expect-no-match')).toMatchObject({ ok: true });
    expect(await run(url(), '--email', 'not-an-email')).toMatchObject({
      ok: false,
      verdict: 'the request was refused as malformed',
    });
  });

  test('--status: up and its version, without a key or any contact data', async () => {
    const report = await runSmoke(parseSmokeArgs([server.execUrl, '--status']));
    expect(report).toMatchObject({ ok: true, verdict: 'up' });
    expect(report.body).toMatch(/^Contact lookup is running\. Version \d+\.\d+\.\d+\+\w+\.$/);
  });

  test('--count 20: the first and the rest, with median, 95th percentile and maximum, and the redirect hop apart', async () => {
    const report = await runSmoke(parseSmokeArgs([url(), '--email', 'olivia.smith@example.com', '--count', '20']));
    expect(report).toMatchObject({ ok: true, count: 20, redirected: redirect });
    expect(report.warm?.count).toBe(19);
    const { median, p95, max } = report.warm?.totalMs ?? { median: -1, p95: -1, max: -1 };
    expect(0 <= median && median <= p95 && p95 <= max).toBe(true);
    expect(report.warm?.redirectMs.median === 0).toBe(!redirect);
    expect(formatReport(report)).toMatch(
      /^OK \(lookup, GET, HTTP 200\): contact found\nfirst: [\d.]+ ms.*\nwarm \(19\): median/,
    );
  });

  test('--chat sends one test chat under a case ID of its own', async () => {
    const first = await runSmoke(parseSmokeArgs([url(), '--chat', '--email', 'olivia.smith@example.com']));
    expect(first).toMatchObject({ ok: true, verdict: 'chat recorded: find its row in the Chats tab' });
    const chats = server.runtime.spreadsheet.sheet('Chats').rows.slice(1);
    expect(chats.map((row) => String(row[1]))).toEqual([expect.stringMatching(/^smoke-test-/)]);
    expect(await runSmoke(parseSmokeArgs([url(), '--email', 'olivia.smith@example.com']))).toMatchObject({
      body: expect.stringContaining('Chats: 1 · last'),
    });
  });
});

test('test chats differ from one run to the next', () => {
  expect(testChat(undefined, 1).id).not.toBe(testChat(undefined, 2).id);
});

test('an unreachable URL names the host and the cause', async () => {
  // A port that was just free: nothing listens there.
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  await expect(runSmoke(parseSmokeArgs([`http://127.0.0.1:${port}/macros/s/X/exec`, '--status']))).rejects.toThrow(
    `cannot reach 127.0.0.1:${port}: the connection was refused (is the server running?)`,
  );
  await expect(runSmoke(parseSmokeArgs(['http://no-such-host.invalid/exec', '--status']))).rejects.toThrow(
    /^cannot reach no-such-host\.invalid: the host name (does not resolve|could not be resolved)/,
  );
});
