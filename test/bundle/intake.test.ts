/**
 * What comes in, as an attacker would send it (issue 20): one cleaning for every text, the key
 * checked before any heavy parsing, two keys refused wherever they hide, case IDs within bounds, a
 * history line that cannot be forged or lie, and a history that costs the same for any number of chats.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eventFromPairs } from '../../local/gas/events';
import { AppsScriptRuntime } from '../../local/gas/runtime';
import { contactsSheet, lookup, PEOPLE, query, setSetting, setUpRuntime } from '../support/runtime';
import { rowsFetched } from '../support/rows-fetched';

const REFUSED = 'Access denied: this contact lookup URL needs a valid key.';
const chat = (id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...JSON.parse(readFileSync(path.resolve(__dirname, '../../sample/integration-api/chat.json'), 'utf8')),
  id,
  requested_by: 'jane@example.com',
  ...overrides,
});

function post(runtime: AppsScriptRuntime, body: unknown, queryString = query({ key: runtime.accessKey() })) {
  return runtime.post(queryString, typeof body === 'string' ? body : JSON.stringify(body), 'application/json').text;
}

function withHistory(): AppsScriptRuntime {
  const runtime = setUpRuntime([contactsSheet(PEOPLE)]);
  setSetting(runtime, 'Chat history', 'on');
  return runtime;
}

const tabRows = (runtime: AppsScriptRuntime, tab: string) =>
  runtime.spreadsheet.sheets.find((s) => s.getName() === tab)?.rows.slice(1) ?? [];

describe('1. one cleaning for every text that comes in', () => {
  test.each([
    ['a zero-width space', 'jane\u200b@example.com'],
    ['a soft hyphen', 'ja\u00adne@example.com'],
    ['a right-to-left override', '\u202ejane@example.com'],
    ['a tag character', 'jane@example.com\u{e0041}'],
    ['a lone surrogate', 'jane@exam\ud800ple.com'],
  ])('an email with %s finds the contact', (_name, email) => {
    const runtime = setUpRuntime();
    // No URL can carry a lone surrogate, so the event is built from decoded pairs.
    const event = eventFromPairs([
      ['key', runtime.accessKey()],
      ['email', email],
    ]);
    expect(runtime.serve('GET', event).text).toContain('Name: Jane Roe');
  });

  test('an email that still holds a control character is refused with the same text as before', () => {
    const runtime = setUpRuntime();
    expect(lookup(runtime, 'jane@exam\u0000ple.com')).toBe('The email parameter contains control characters.');
    expect(lookup(runtime, 'jane@exam\u0085ple.com')).toBe('The email parameter contains control characters.');
  });

  test('a chat filed under an email with invisible characters shows in that visitor’s lookup, and the reverse', () => {
    const runtime = withHistory();
    expect(post(runtime, chat('c1', { requested_by: 'JA\u00adNE@example.com\u200b' }))).toBe('Chat recorded.');
    expect(lookup(runtime, 'jane\u2060@example.com')).toMatch(/\nChats: 1 · /);
  });

  test('the Lookup log keeps no control or bidi character, and one line per field', () => {
    const runtime = setUpRuntime();
    setSetting(runtime, 'Lookup log', 'on');
    lookup(runtime, 'jane@example.com\u202e', {
      ip: '\u0000203.0.113.7\u001b[31m',
      url: 'https://shop.example.com/\u202eevil\nSecond line',
      caseId: 'case\u0007-1\u2066',
    });
    const [row] = tabRows(runtime, 'Lookup log');
    expect(row.slice(1, 5)).toEqual([
      'case-1',
      'jane@example.com',
      '203.0.113.7[31m',
      'https://shop.example.com/evil Second line',
    ]);
  });

  test('one-line chat fields lose control and bidi characters and line breaks; joiners stay inside words', () => {
    const runtime = withHistory();
    setSetting(runtime, 'Chat transcripts', 'on');
    const body = chat('c1\u202e', {
      requester_details: { name: 'Zahra\u200c Mah\u200cdavi\n\u0007' },
      description: 'line one\r\nline two\u202e\u0000',
      transcripts: [{ id: 'anna@example.com', alias: 'Anna\u200d\u200d', message: 'hi\tthere\u2028bye' }],
    });
    expect(post(runtime, body)).toBe('Chat recorded.');
    const [row] = tabRows(runtime, 'Chats');
    expect(row.slice(1, 6)).toEqual(['c1', 'jane@example.com', 'Zahra Mah\u200cdavi', 'chat', 'Anna']);
    expect(row[9]).toBe('line one\nline two');
    expect(row[12]).toBe('Anna: hi\tthere\nbye');
  });
});

describe('2. the answer’s shape cannot be forged, and the history line is right', () => {
  test('a newline in an agent’s alias or a description never adds a line to the answer', () => {
    const runtime = withHistory();
    const forged = 'Anna\nPlan: Enterprise (verified)\nPhone: +1 555 0000';
    post(runtime, chat('c1', { transcripts: [{ id: 'anna@example.com', alias: forged, message: 'hi' }] }));
    const answer = lookup(runtime, 'jane@example.com');
    expect(answer.split('\n').filter((line) => line.startsWith('Plan:'))).toEqual(['Plan: Pro']);
    expect(answer.split('\n').pop()).toBe(
      'Chats: 1 · last 2026-11-02 with Anna Plan: Enterprise (verified) Phone: +1 555 0000: refund for order 991',
    );
  });

  test('a history row staff typed with line breaks still gives exactly one history line', () => {
    const runtime = withHistory();
    post(runtime, chat('c1'));
    runtime.spreadsheet.sheet('Chats').setCell(2, 6, 'Anna\nPlan: Enterprise');
    runtime.spreadsheet.sheet('Chats').setCell(2, 10, 'a\nb');
    runtime.cache.clear();
    const lines = lookup(runtime, 'jane@example.com').split('\n');
    expect(lines.filter((line) => line.startsWith('Plan:'))).toEqual(['Plan: Pro']);
    expect(lines.pop()).toBe('Chats: 1 · last 2026-11-02 with Anna Plan: Enterprise: a b');
  });

  test('the last chat is the one with the latest date, not the lowest row', () => {
    const runtime = withHistory();
    const may = Date.UTC(2026, 4, 10) / 1000;
    const january = Date.UTC(2026, 0, 10) / 1000;
    post(runtime, chat('may', { created_at_seconds: may, description: 'the May chat' }));
    post(runtime, chat('january', { created_at_seconds: january, description: 'the January chat' }));
    expect(lookup(runtime, 'jane@example.com').split('\n').pop()).toBe(
      'Chats: 2 · last 2026-05-10 with Anna: the May chat',
    );
  });
});

describe('3. the key is checked before any heavy parsing', () => {
  const nested = (depth: number) =>
    `{"requested_by":"x@example.com","id":"c","a":${'['.repeat(depth)}${']'.repeat(depth)}}`;

  test.each([
    ['a chat nested 5,000 levels deep', nested(5000)],
    ['a lookup nested 5,000 levels deep', `{"email":"jane@example.com","a":${'['.repeat(5000)}${']'.repeat(5000)}}`],
    ['an object nested 100,000 levels deep', '{"a":'.repeat(100_000)],
    ['a body of unclosed strings', `{"id":"${'\\"'.repeat(100_000)}`],
  ])('%s without the key: Access denied, no error logged', (_name, body) => {
    const runtime = withHistory();
    for (const queryString of ['', query({ key: 'wrong' })]) {
      runtime.logs.length = 0;
      expect(post(runtime, body, queryString)).toBe(REFUSED);
      expect(runtime.logs.filter((l) => l.level === 'error')).toEqual([]);
    }
    expect(tabRows(runtime, 'Chats')).toEqual([]);
  });

  test('with the right key, a body nested too deeply gets one line, and no error is logged', () => {
    const runtime = withHistory();
    runtime.logs.length = 0;
    expect(post(runtime, nested(5000))).toBe('The JSON body is nested too deeply (more than 32 levels).');
    expect(runtime.logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(tabRows(runtime, 'Chats')).toEqual([]);
  });
});

describe('4. two different keys anywhere are refused', () => {
  test('a chat with the right key in the URL and another in the JSON body is refused, nothing written', () => {
    const runtime = withHistory();
    expect(post(runtime, chat('c1', { key: 'another' }))).toBe(REFUSED);
    expect(tabRows(runtime, 'Chats')).toEqual([]);
    expect(post(runtime, chat('c1', { key: runtime.accessKey() }))).toBe('Chat recorded.');
  });

  test('a chat whose only key is in its JSON body is recorded', () => {
    const runtime = withHistory();
    expect(post(runtime, chat('c1', { key: runtime.accessKey() }), '')).toBe('Chat recorded.');
  });

  test('a lookup with the right key in the URL and another in a form body or JSON body is refused', () => {
    const runtime = setUpRuntime();
    const url = query({ key: runtime.accessKey() });
    const form = runtime.post(url, 'email=jane@example.com&key=another', 'application/x-www-form-urlencoded');
    expect(form.text).toBe(REFUSED);
    expect(post(runtime, { email: 'jane@example.com', key: 'another' }, url)).toBe(REFUSED);
  });
});

describe('5. one row per case ID', () => {
  test('a case ID over 1,000 characters is refused with a clear line and nothing is written', () => {
    const runtime = withHistory();
    const long = 'c'.repeat(60_000);
    expect(post(runtime, chat(long))).toBe(
      "The chat's case ID (id) is longer than 1000 characters; nothing was recorded.",
    );
    expect(tabRows(runtime, 'Chats')).toEqual([]);
    expect(post(runtime, chat('c'.repeat(1000)))).toBe('Chat recorded.');
    expect(post(runtime, chat('c'.repeat(1000)))).toBe('This chat was already recorded; nothing was added.');
  });
});

describe('6. history costs a bounded amount', () => {
  test('a cold lookup of a visitor with 300 chats fetches at most 60 rows, with the count and the latest right', () => {
    const runtime = withHistory();
    const start = Date.UTC(2026, 0, 1) / 1000;
    for (let i = 0; i < 300; i++) {
      // Chat 297 arrives late: its date is the latest although two chats arrive after it.
      const day = i === 297 ? 400 : i;
      post(runtime, chat(`c${i}`, { created_at_seconds: start + day * 86_400 * 0.5, description: `chat ${i}` }));
    }
    runtime.cache.clear();
    let answer = '';
    const rows = rowsFetched(() => (answer = lookup(runtime, 'jane@example.com')));
    expect(answer.split('\n').pop()).toBe('Chats: 300 · last 2026-07-20 with Anna: chat 297');
    expect(rows).toBeLessThanOrEqual(60);
  });
});
