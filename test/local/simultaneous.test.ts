/**
 * npm start refuses the 31st simultaneous execution with Google's error page, as Apps Script does for
 * one user (the web app runs as its deployer, so every visitor is that user); the limit can be changed
 * or switched off.
 */
import { BudgetLimits } from '../../local/gas/budgets';
import { DEFAULT_SHEET, startServer, TOO_MANY_SIMULTANEOUS } from '../../local/server';

const EMAIL = 'olivia.smith@example.com';

async function burst(count: number, budgets: Partial<BudgetLimits> = {}) {
  // The clock stands still, so every execution started is still running on Google's time.
  let now = Date.UTC(2026, 11, 1, 9);
  const server = await startServer({
    port: 0,
    sheet: DEFAULT_SHEET,
    redirect: false,
    log: () => undefined,
    budgets,
    now: () => now,
  });
  try {
    const url = `${server.execUrl}?key=${server.key}&email=${encodeURIComponent(EMAIL)}`;
    const answers = await Promise.all(
      Array.from({ length: count }, async () => {
        const response = await fetch(url);
        return {
          status: response.status,
          type: response.headers.get('content-type') ?? '',
          text: await response.text(),
        };
      }),
    );
    now += 60_000;
    const later = await (await fetch(url)).text();
    return { answers, later };
  } finally {
    await server.close();
  }
}

test('30 executions run at once; the 31st gets the refusal page', async () => {
  const { answers, later } = await burst(31);
  const refused = answers.filter((a) => a.text.includes(TOO_MANY_SIMULTANEOUS));
  expect(refused).toHaveLength(1);
  expect(refused[0].type).toContain('text/html');
  expect(refused[0].text).toMatch(/^<!DOCTYPE html>/);
  expect(answers.filter((a) => a.text.startsWith('Match 1 of 2\nName: Olivia Smith'))).toHaveLength(30);
  // Once those executions are over, requests are served again.
  expect(later).toMatch(/^Match 1 of 2\nName: Olivia Smith/);
});

test('the limit can be changed or switched off', async () => {
  expect(
    (await burst(31, { simultaneousExecutionsPerUser: Infinity })).answers.every((a) =>
      a.text.startsWith('Match 1 of 2'),
    ),
  ).toBe(true);
  const tight = await burst(5, { simultaneousExecutionsPerUser: 2 });
  expect(tight.answers.filter((a) => a.text.includes(TOO_MANY_SIMULTANEOUS))).toHaveLength(3);
});
