/**
 * 200 concurrent mixed requests against the local server while staff edit the sheet: every answer
 * is the sheet before or after an edit, never a mix, and the lookup log loses no row.
 */
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_SHEET, startServer } from '../../local/server';

test('200 concurrent requests with interleaved edits', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'concurrency-'));
  const sheet = path.join(dir, 'contacts.csv');
  const sample = readFileSync(DEFAULT_SHEET, 'utf8').trimEnd();
  const version = (n: number) => `${sample}\nVisitor,test@test.com,,Company v${n},Plan v${n},,,,,,,\n`;
  // Writes go through a rename so the server never reads a half-written file, as Sheets never shows one.
  const write = (n: number) => {
    writeFileSync(`${sheet}.tmp`, version(n));
    renameSync(`${sheet}.tmp`, sheet);
  };
  write(0);
  writeFileSync(
    path.join(dir, 'contacts.settings.csv'),
    'Setting,Value\nLookup log,on\nExtra email columns,Secondary email\n',
  );
  // 200 requests at once are far past Google's 30 simultaneous executions (test/local/simultaneous.test.ts);
  // this test is about consistent answers under concurrency, so that limit is off here.
  const server = await startServer({
    port: 0,
    sheet,
    log: () => undefined,
    budgets: { simultaneousExecutionsPerUser: Infinity },
  });
  try {
    let edits = 0;
    const requests = Array.from({ length: 200 }, async (_, i) => {
      if (i % 20 === 10) write(++edits);
      const email = ['test@test.com', 'olivia.smith@example.com', 'nobody@example.com', 'mia+billing@example.org'][
        i % 4
      ];
      const key = i % 13 === 0 ? 'wrong' : server.key;
      const post = i % 3 === 0;
      const url = `${server.execUrl}?key=${key}`;
      const response = post
        ? await fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ email, caseId: `case-${i}` }),
          })
        : await fetch(`${url}&email=${encodeURIComponent(email)}&caseId=case-${i}`);
      return { i, email, key, text: await response.text() };
    });
    const answers = await Promise.all(requests);
    for (const { email, key, text } of answers) {
      if (key === 'wrong') {
        expect(text).toBe('Access denied: this contact lookup URL needs a valid key.');
      } else if (email === 'test@test.com') {
        const company = /Company: Company v(\d+)/.exec(text)?.[1];
        const plan = /Plan: Plan v(\d+)/.exec(text)?.[1];
        expect(company).toBeDefined();
        expect(plan).toBe(company);
        expect(Number(company)).toBeLessThanOrEqual(edits);
      } else if (email === 'nobody@example.com') {
        expect(text).toBe('No contact found for nobody@example.com');
      } else {
        expect(text).toMatch(/^(Match 1 of 2\nName: Olivia Smith|Name: Mia Jensen)/);
      }
    }
    const logged = server.runtime.spreadsheet
      .sheet('Lookup log')
      .rows.slice(1)
      .map((row) => row[1])
      .sort();
    const expected = answers
      .filter((a) => a.key !== 'wrong')
      .map((a) => `case-${a.i}`)
      .sort();
    expect(logged).toEqual(expected);
  } finally {
    await server.close();
  }
});
