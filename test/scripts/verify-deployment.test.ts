/**
 * The end of npm run deploy: the deployment called as SnapEngage will call it, with each answer
 * only Google gives injected.
 */
import { verifyDeployment } from '../../scripts/deploy-lib';
import { ACCESS_FIX } from '../../scripts/probe';

const EXEC = 'https://script.google.com/macros/s/AKfy/exec';
const ECHO = 'https://script.googleusercontent.com/macros/echo?user_content_key=abc';

/** Answers by URL, like Google's: /exec answers with a redirect, the echo URL with content. */
function google(answers: Record<string, () => Response>) {
  const calls: string[] = [];
  const fetcher = (async (input: string | URL | Request) => {
    const url = String(input);
    calls.push(url);
    const answer = Object.entries(answers).find(([prefix]) => url.startsWith(prefix));
    if (!answer) throw new Error(`unexpected ${url}`);
    return answer[1]();
  }) as typeof fetch;
  return { fetcher, calls };
}

const redirectTo = (location: string) => () => new Response(null, { status: 302, headers: { Location: location } });
const text =
  (body: string, status = 200, type = 'text/plain; charset=utf-8') =>
  () =>
    new Response(body, { status, headers: { 'Content-Type': type } });
const noWait = async () => undefined;

test('the status text through the redirect: done', async () => {
  const { fetcher, calls } = google({
    [EXEC]: redirectTo(ECHO),
    [ECHO]: text('Contact lookup is running. Version 1.0.0+abc.'),
  });
  expect(await verifyDeployment(EXEC, fetcher, noWait)).toEqual({
    kind: 'ok',
    ok: true,
    message: 'Contact lookup is running. Version 1.0.0+abc.',
  });
  expect(calls).toEqual([`${EXEC}?status=1`, ECHO]);
});

test('a Google sign-in page: fails at once, with the exact fix', async () => {
  const signIn = 'https://accounts.google.com/ServiceLogin?continue=x';
  const { fetcher, calls } = google({
    [EXEC]: redirectTo(signIn),
    [signIn]: text('<html><title>Sign in - Google Accounts</title></html>', 200, 'text/html'),
  });
  const verdict = await verifyDeployment(EXEC, fetcher, noWait);
  expect(verdict).toMatchObject({ kind: 'sign-in', ok: false });
  expect(verdict.message).toContain(ACCESS_FIX);
  expect(calls).toHaveLength(2);
});

test('403: fails at once, with the exact fix', async () => {
  const { fetcher } = google({ [EXEC]: text('Forbidden', 403) });
  const verdict = await verifyDeployment(EXEC, fetcher, noWait);
  expect(verdict).toMatchObject({ kind: 'forbidden', ok: false });
  expect(verdict.message).toBe(`HTTP 403: the deployment is not open to anonymous callers. ${ACCESS_FIX}`);
});

test('an HTML error page: tried again, then fails naming the page', async () => {
  const { fetcher, calls } = google({
    [EXEC]: text(
      '<!DOCTYPE html><html><head><title>Error</title></head><body>Script function not found: doGet</body></html>',
      200,
      'text/html',
    ),
  });
  const verdict = await verifyDeployment(EXEC, fetcher, noWait);
  expect(verdict).toMatchObject({ kind: 'html-error', ok: false });
  expect(verdict.message).toContain('("Error")');
  expect(calls).toHaveLength(3);
});

test('an HTML error that clears on the next try: done', async () => {
  let tries = 0;
  const fetcher = (async () =>
    ++tries === 1
      ? text('<html>warming up</html>', 500, 'text/html')()
      : text('Contact lookup is running. Version 1.0.0+abc.')()) as typeof fetch;
  expect(await verifyDeployment(EXEC, fetcher, noWait)).toMatchObject({ ok: true });
});

test('no answer in time: fails naming the host', async () => {
  const fetcher = (async () => {
    throw Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
  }) as typeof fetch;
  expect(await verifyDeployment(EXEC, fetcher, noWait)).toEqual({
    kind: 'http-error',
    ok: false,
    message: 'script.google.com did not answer within 30 s',
  });
});
