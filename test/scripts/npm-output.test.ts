/**
 * What a person or a program sees when the scripts run through npm itself, with no npm settings of
 * the project's own: with `npm run -s`, stdout is the script's, and with --json it is exactly one
 * JSON document, also when the check fails.
 */
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function npmRun(args: string[]) {
  const run = spawnSync('npm', ['run', '-s', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test('a failing `npm run -s smoke -- <url> --json` prints one JSON document on stdout, and exits non-zero', async () => {
  const port = await closedPort();
  const run = npmRun(['smoke', '--', `http://127.0.0.1:${port}/macros/s/X/exec`, '--status', '--json']);
  expect(run.status).toBe(2);
  expect(JSON.parse(run.stdout)).toEqual({ ok: false, verdict: expect.stringContaining('cannot reach 127.0.0.1') });
  expect(run.stderr).toContain('smoke: cannot reach');
});

test('a wrong option to `npm run -s bench -- --json`: one JSON document, exit 2, before any build', () => {
  const run = npmRun(['bench', '--', '--json', '--sizes', '5']);
  expect(run.status).toBe(2);
  expect(JSON.parse(run.stdout)).toEqual({ ok: false, error: expect.stringContaining('--sizes takes whole numbers') });
  expect(run.stderr).toMatch(/^bench: --sizes .*\nusage: npm run bench/);
});

test.each([
  [['deploy', '--', '--bogus'], 'unknown option --bogus'],
  [['create-sheet', '--', 'Contacts'], 'unexpected argument Contacts'],
  [['create-sheet', '--', '--title'], '--title needs a value'],
  [['bind-sheet', '--', '--title', 'X'], 'the spreadsheet ID is missing'],
  [['release', '--', '--out', 'elsewhere'], 'unknown option --out'],
])('npm run %j stops at once: %s, with the usage, exit 2', (args, message) => {
  const run = npmRun(args);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  const [first, ...usage] = run.stderr.trimEnd().split('\n');
  expect(first).toContain(message);
  expect(usage.join('\n')).toMatch(/^usage: npm run /);
});
