/**
 * Chat history from SnapEngage's Integration API, on the built bundle: each finished chat recorded
 * once in the Chats tab, and a returning visitor's past chats at the end of the agent's answer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppsScriptRuntime } from '../../local/gas/runtime';
import { contactsSheet, lookup, PEOPLE, query, setSetting, setUpRuntime } from '../support/runtime';

const REFUSED = 'Access denied: this contact lookup URL needs a valid key.';
const SAMPLE = path.resolve(__dirname, '../../sample/integration-api');
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(SAMPLE, `${name}.json`), 'utf8'));

/** A chat about Jane, from the sample's shape. */
function janeChat(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...fixture('chat'), id, requested_by: 'Jane@Example.com', ...overrides };
}

function post(runtime: AppsScriptRuntime, body: unknown, key = runtime.accessKey()): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return runtime.post(query({ key }), text, 'application/json').text;
}

function withHistory(transcripts = 'off') {
  const runtime = setUpRuntime([contactsSheet(PEOPLE)]);
  setSetting(runtime, 'Chat history', 'on');
  setSetting(runtime, 'Chat transcripts', transcripts);
  return runtime;
}

const chatRows = (runtime: AppsScriptRuntime) =>
  runtime.spreadsheet.sheets.find((s) => s.getName() === 'Chats')?.rows.slice(1) ?? [];

describe('recording', () => {
  test('a chat is recorded with every column, formula-like text stored as text', () => {
    const runtime = withHistory('on');
    expect(post(runtime, fixture('chat'))).toBe('Chat recorded.');
    const sheet = runtime.spreadsheet.sheet('Chats');
    expect(sheet.rows[0]).toEqual([
      'When',
      'Case ID',
      'Visitor email',
      'Visitor name',
      'Type',
      'Agent',
      'Wait (s)',
      'Duration (s)',
      'Page URL',
      'Description',
      'Agent notes',
      'Case link',
      'Transcript',
    ]);
    const [row] = chatRows(runtime);
    expect(row.slice(0, 12)).toEqual([
      new Date(Date.UTC(2026, 10, 2, 14, 5, 31)),
      'sample-chat-0001-refund',
      'liam.rossi@example.org',
      'Liam Rossi',
      'chat',
      'Anna',
      12,
      1860,
      'https://shop.example.com/orders/991',
      'refund for order 991',
      'Notes: Refund approved by Anna\nTag: =1+1',
      'https://www.snapengage.com/viewcase?c=sample-chat-0001-refund',
    ]);
    expect(String(row[12]).split('\n')[2]).toBe('Liam Rossi: =HYPERLINK("http://evil.example","click here")');
    expect(sheet.display(2, 1)).toBe('2026-11-02 14:05');
    expect(sheet.formulas()).toEqual([]);
  });

  test('an offline message from a visitor without a name; a chat without an email is still recorded', () => {
    const runtime = withHistory();
    expect(post(runtime, fixture('offline'))).toBe('Chat recorded.');
    expect(post(runtime, { ...fixture('offline'), id: 'no-email', requested_by: '' })).toBe('Chat recorded.');
    expect(chatRows(runtime).map((r) => [r[1], r[2], r[3], r[4]])).toEqual([
      ['sample-offline-0002', 'new.visitor@example.com', '', 'offline'],
      ['no-email', '', '', 'offline'],
    ]);
  });

  test('Chat transcripts off (the default): no message text is kept', () => {
    const runtime = withHistory();
    post(runtime, fixture('chat'));
    expect(chatRows(runtime)[0][12]).toBe('');
  });

  test('the same case twice gives one row, also when SnapEngage resends it', () => {
    const runtime = withHistory();
    expect(post(runtime, fixture('chat'))).toBe('Chat recorded.');
    expect(post(runtime, fixture('chat'))).toBe('This chat was already recorded; nothing was added.');
    expect(chatRows(runtime)).toHaveLength(1);
  });

  test('deliveries of the same case interleaved step by step give one row once later executions ran', () => {
    const steps = (() => {
      const runtime = withHistory();
      return runtime.serviceCalls(() => post(runtime, janeChat('c1')));
    })();
    expect(steps).toBeGreaterThanOrEqual(5);
    for (let step = 1; step <= steps; step++) {
      const runtime = withHistory();
      let second = '';
      const first = runtime.interleave(
        () => post(runtime, janeChat('c1')),
        step,
        () => (second = post(runtime, janeChat('c1'))),
      );
      // Each answer says what happened: recorded, already there, or kept for the next execution.
      for (const answer of [first, second]) {
        expect([
          'Chat recorded.',
          'This chat was already recorded; nothing was added.',
          'The spreadsheet could not be written just now; the chat was kept and will be written shortly.',
        ]).toContain(answer);
      }
      runtime.fireTimers();
      post(runtime, janeChat('c2'));
      expect(chatRows(runtime).filter((row) => row[1] === 'c1')).toHaveLength(1);
    }
  });

  test.each([
    ['not JSON', '{"id": "c1", "requested_by": ', 'The request body is not valid JSON.'],
    [
      'no case ID',
      JSON.stringify({ requested_by: 'jane@example.com', transcripts: [] }),
      'The chat has no case ID (id); nothing was recorded.',
    ],
    [
      'a case ID sent twice',
      '{"id": "c1", "id": "c2", "requested_by": "jane@example.com"}',
      'The id parameter was sent more than once; send it once.',
    ],
    [
      'over the size limit',
      JSON.stringify(janeChat('big', { description: 'x'.repeat(600 * 1024) })),
      'The request body is larger than 512 KB.',
    ],
  ])('a bad payload (%s) gets a one-line explanation and writes nothing', (_name, body, message) => {
    const runtime = withHistory();
    const before = JSON.stringify(runtime.spreadsheet.sheets.map((s) => s.rows));
    expect(post(runtime, body)).toBe(message);
    expect(JSON.stringify(runtime.spreadsheet.sheets.map((s) => s.rows))).toBe(before);
  });

  test('without the right key: the fixed refusal, nothing written', () => {
    const runtime = withHistory();
    expect(post(runtime, fixture('chat'), 'wrong')).toBe(REFUSED);
    expect(runtime.post('', JSON.stringify(fixture('chat')), 'application/json').text).toBe(REFUSED);
    expect(chatRows(runtime)).toEqual([]);
  });

  test('Chat history off (the default): nothing is stored, and the answer says how to turn it on', () => {
    const runtime = setUpRuntime();
    expect(post(runtime, fixture('chat'))).toBe(
      'Chat history is off, so nothing was recorded. Turn "Chat history" on in the Settings tab.',
    );
    expect(runtime.spreadsheet.sheets.map((s) => s.getName())).not.toContain('Chats');
  });

  test('retention: chats older than Chat retention days are pruned, at least once a day', () => {
    let now = Date.UTC(2026, 0, 1);
    const runtime = setUpRuntime(undefined, { now: () => now });
    setSetting(runtime, 'Chat history', 'on');
    setSetting(runtime, 'Chat retention days', '7');
    for (let i = 0; i < 120; i++) {
      now += 3_600_000 * 6;
      post(runtime, janeChat(`c${i}`, { created_at_seconds: now / 1000 }));
      const oldest = (chatRows(runtime)[0][0] as Date).getTime();
      // Pruned within a day of expiring, however few chats arrive.
      expect(now - oldest).toBeLessThanOrEqual(8 * 86_400_000);
    }
    const times = chatRows(runtime).map((r) => (r[0] as Date).getTime());
    expect(now - times[0]).toBeGreaterThan(6 * 86_400_000);
  });

  test('never searched as contacts', () => {
    const runtime = withHistory();
    post(runtime, fixture('offline'));
    expect(lookup(runtime, 'new.visitor@example.com')).toBe(
      'No contact found for new.visitor@example.com\nChats: 1 · last 2026-11-03: Do you ship to Iceland? -- sent while you were offline',
    );
  });
});

describe("a returning visitor's past chats in the agent's answer", () => {
  test('the answer ends with the number of chats and the date, agent and description of the last', () => {
    const runtime = withHistory();
    expect(lookup(runtime, 'jane@example.com')).not.toContain('Chats:');
    post(runtime, janeChat('c1', { created_at_seconds: Date.UTC(2026, 9, 1) / 1000, description: 'first question' }));
    post(runtime, janeChat('c2', { created_at_seconds: Date.UTC(2026, 10, 2) / 1000 }));
    post(runtime, janeChat('c3', { created_at_seconds: Date.UTC(2026, 10, 2) / 1000, id: 'c3' }));
    expect(lookup(runtime, 'jane@example.com')).toMatch(
      /^Name: Jane Roe\n[\s\S]*\nChats: 3 · last 2026-11-02 with Anna: refund for order 991$/,
    );
  });

  test('a new chat makes the next lookup fresh; warm lookups still cost one cache read', () => {
    const runtime = withHistory();
    post(runtime, janeChat('c1'));
    expect(lookup(runtime, 'jane@example.com')).toContain('Chats: 1 ·');
    runtime.meter.reset();
    expect(lookup(runtime, 'jane@example.com')).toContain('Chats: 1 ·');
    expect(runtime.meter.counts).toMatchObject({ cacheReads: 1, sheetCalls: 0, propertiesReads: 0 });
    post(runtime, janeChat('c2'));
    expect(lookup(runtime, 'jane@example.com')).toContain('Chats: 2 ·');
  });

  test('a cold lookup with history costs at most two more Sheets calls', () => {
    const runtime = withHistory();
    post(runtime, janeChat('c1'));
    lookup(runtime, 'a.b@example.com');
    runtime.cache.clear();
    runtime.meter.reset();
    lookup(runtime, 'jane@example.com');
    expect(runtime.meter.counts.sheetCalls).toBeLessThanOrEqual(3 + 2);
  });

  test('an Answer template places the history with placeholders', () => {
    const runtime = withHistory();
    post(runtime, janeChat('c1'));
    setSetting(
      runtime,
      'Answer template',
      '{{Name}} ({{chat count}} chats, last {{last chat date}} with {{last chat agent}})',
    );
    expect(lookup(runtime, 'jane@example.com')).toBe('Jane Roe (1 chats, last 2026-11-02 with Anna)');
    setSetting(runtime, 'Answer template', '{{Name}}\\n{{chat history}}');
    expect(lookup(runtime, 'jane@example.com')).toBe(
      'Jane Roe\nChats: 1 · last 2026-11-02 with Anna: refund for order 991',
    );
    setSetting(runtime, 'Answer template', '{{Name}}');
    expect(lookup(runtime, 'jane@example.com')).toBe(
      'Jane Roe\nChats: 1 · last 2026-11-02 with Anna: refund for order 991',
    );
  });

  test('with Chat history off, past chats stay out of the answer', () => {
    const runtime = withHistory();
    post(runtime, janeChat('c1'));
    setSetting(runtime, 'Chat history', 'off');
    expect(lookup(runtime, 'jane@example.com')).not.toContain('Chats:');
  });

  test('Check setup reports the chat settings and how many chats are kept', () => {
    const runtime = withHistory();
    post(runtime, janeChat('c1'));
    runtime.call('menuCheckSetup');
    expect(runtime.ui.shown[runtime.ui.shown.length - 1].message).toContain(
      'Chat history: on, transcripts off, keeping 365 days; 1 chat in the Chats tab.',
    );
    expect(runtime.get(query({ key: runtime.accessKey(), email: 'jane@example.com' })).text).toContain('Chats: 1');
  });
});
