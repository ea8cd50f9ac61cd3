/**
 * Acceptance checks for issues 19 (no accepted write is lost) and 20 (one cleaning at the edge, the
 * key first, a history line that cannot lie), written from the issues' words against the real
 * bundle in the local runtime. They complement test/bundle/*: each check here asks the promise
 * from another side (other characters, other fields, the Lookup log where the bundle tests use
 * Chats, boundaries of the caps).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppsScriptRuntime } from '../../local/gas/runtime';
import { contactsSheet, lookup, PEOPLE, query, setSetting, setUpRuntime } from '../support/runtime';
import { rowsFetched } from '../support/rows-fetched';

const SAMPLE = path.resolve(__dirname, '../../sample/integration-api/chat.json');
const DAY = 86_400_000;
const RECORDED = 'Chat recorded.';
const DENIED = /^Access denied/;
const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';
// Control (C0, DEL, C1), bidi controls, tags, zero-width space, soft hyphen, BOM, lone surrogates.
const FORBIDDEN =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u{e0000}-\u{e007f}\ud800-\udfff]/u;

function chat(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...JSON.parse(readFileSync(SAMPLE, 'utf8')), id, requested_by: 'jane@example.com', ...overrides };
}

function post(runtime: AppsScriptRuntime, body: unknown, queryString = query({ key: runtime.accessKey() })): string {
  return runtime.post(queryString, typeof body === 'string' ? body : JSON.stringify(body), 'application/json').text;
}

function withHistory(now?: () => number): AppsScriptRuntime {
  const runtime = setUpRuntime([contactsSheet(PEOPLE)], now ? { now } : {});
  setSetting(runtime, 'Chat history', 'on');
  return runtime;
}

const tab = (runtime: AppsScriptRuntime, name: string) => runtime.spreadsheet.sheets.find((s) => s.getName() === name);
const body = (runtime: AppsScriptRuntime, name: string) => tab(runtime, name)?.rows.slice(1) ?? [];
const caseIds = (runtime: AppsScriptRuntime) => body(runtime, 'Chats').map((row) => row[1]);
const errors = (runtime: AppsScriptRuntime) => runtime.logs.filter((l) => l.level === 'error');
const checkSetup = (runtime: AppsScriptRuntime) => {
  runtime.call('menuCheckSetup');
  return runtime.ui.shown[runtime.ui.shown.length - 1].message;
};

describe('issue 19: no accepted write is lost', () => {
  test('a chat while the lock is busy and one whose sheet write fails once: each recorded once after later executions', () => {
    const runtime = withHistory();
    post(runtime, chat('first'));
    runtime.lock.holdElsewhere();
    const busyAnswer = post(runtime, chat('busy'));
    runtime.lock.releaseElsewhere();
    let failedOnce = false;
    runtime.meter.fault = (service, method) => {
      if (failedOnce || service !== 'spreadsheet' || !/^(appendRow|setValues)$/.test(method)) return undefined;
      failedOnce = true;
      return new Error('Service Spreadsheets failed while accessing document.');
    };
    const failedAnswer = post(runtime, chat('failed'));
    runtime.meter.fault = undefined;
    expect(failedOnce).toBe(true);
    expect([busyAnswer, failedAnswer]).toEqual([
      RECORDED,
      'The spreadsheet could not be written just now; the chat was kept and will be written shortly.',
    ]);
    // SnapEngage may resend either; later executions: the 15-minute trigger, a lookup, another chat.
    post(runtime, chat('busy'));
    runtime.fireTimers();
    lookup(runtime, 'jane@example.com');
    post(runtime, chat('failed'));
    post(runtime, chat('after'));
    expect(caseIds(runtime).sort()).toEqual(['after', 'busy', 'failed', 'first']);
    expect(tab(runtime, 'Chats')?.rows[0][1]).toBe('Case ID');
    expect([...runtime.scriptProperties.values.keys()].filter((k) => k.startsWith('PENDING_CHAT_'))).toEqual([]);
  });

  test('the same chat delivered twice at once, interleaved at every step: one row after the next write, lookups count one', () => {
    const prepare = () => {
      const runtime = withHistory();
      post(runtime, chat('c0'));
      lookup(runtime, 'a.b@example.com');
      return runtime;
    };
    const steps = (() => {
      const runtime = prepare();
      return runtime.serviceCalls(() => post(runtime, chat('c1')));
    })();
    for (let step = 1; step <= steps; step++) {
      const runtime = prepare();
      runtime.interleave(
        () => post(runtime, chat('c1')),
        step,
        () => post(runtime, chat('c1')),
      );
      expect([step, lookup(runtime, 'jane@example.com')]).toEqual([step, expect.stringContaining('\nChats: 2 · ')]);
      post(runtime, chat('after'));
      expect([step, caseIds(runtime)]).toEqual([step, ['c0', 'c1', 'after']]);
    }
  });

  test('the common path (lock free, write succeeds) makes no Script Properties call', () => {
    const runtime = withHistory();
    post(runtime, chat('c0'));
    lookup(runtime, 'a.b@example.com');
    const calls: string[] = [];
    runtime.meter.hooks.push((call) => {
      if (call.service === 'properties') calls.push(call.method);
    });
    expect(post(runtime, chat('c1'))).toBe(RECORDED);
    runtime.meter.hooks = [];
    expect(calls).toEqual([]);
  });

  test('a waiting chat is kept within 9 KB however long its transcript, and written in full fields later', () => {
    const runtime = withHistory();
    setSetting(runtime, 'Chat transcripts', 'on');
    post(runtime, chat('c0'));
    const long = Array.from({ length: 400 }, (_, i) => ({
      id: '',
      alias: 'Jane',
      message: `message ${i} `.repeat(20),
    }));
    runtime.meter.fault = (_service, method) =>
      method === 'appendRow' || method === 'setValues' ? new Error('x') : undefined;
    post(runtime, chat('long', { transcripts: long }));
    runtime.meter.fault = undefined;
    const waiting = [...runtime.scriptProperties.values.entries()].filter(([k]) => k.startsWith('PENDING_CHAT_'));
    expect(waiting).toHaveLength(1);
    expect(waiting[0][0].length + waiting[0][1].length).toBeLessThanOrEqual(9 * 1024);
    runtime.fireTimers();
    expect(caseIds(runtime)).toEqual(['c0', 'long']);
  });

  test('waiting chats together stay within about 300 KB; every chat answered "kept" is written once later', () => {
    const runtime = withHistory();
    setSetting(runtime, 'Chat transcripts', 'on');
    post(runtime, chat('c0'));
    const long = Array.from({ length: 100 }, (_, i) => ({ id: '', alias: 'Jane', message: `words ${i} `.repeat(30) }));
    runtime.meter.fault = (_service, method) =>
      method === 'appendRow' || method === 'setValues' ? new Error('Sheets failed') : undefined;
    const answers = Array.from({ length: 60 }, (_, i) => post(runtime, chat(`k${i}`, { transcripts: long })));
    runtime.meter.fault = undefined;
    const size = [...runtime.scriptProperties.values.entries()]
      .filter(([k]) => k.startsWith('PENDING_CHAT_'))
      .reduce((sum, [k, v]) => sum + k.length + v.length, 0);
    expect(size).toBeLessThanOrEqual(310 * 1024);
    const kept = answers.flatMap((a, i) =>
      a.startsWith('The spreadsheet could not be written just now') ? [`k${i}`] : [],
    );
    expect(kept.length).toBeGreaterThan(0);
    expect(
      answers.every(
        (a) => a.startsWith('The spreadsheet could not be written') || a.startsWith('The chat could not be kept'),
      ),
    ).toBe(true);
    // The key and the configuration still fit: lookups and new chats go on.
    expect(lookup(runtime, 'jane@example.com')).toMatch(/^Name: Jane Roe/);
    runtime.fireTimers();
    runtime.fireTimers();
    expect(caseIds(runtime).sort()).toEqual(['c0', ...kept].sort());
  });

  test('a transcript longer than a cell (50,000 characters) is recorded, cut to fit', () => {
    const runtime = withHistory();
    setSetting(runtime, 'Chat transcripts', 'on');
    const transcripts = [{ id: '', alias: 'Jane', message: 'x'.repeat(120_000) }];
    expect(post(runtime, chat('huge', { transcripts, description: 'd'.repeat(70_000) }))).toBe(RECORDED);
    for (const cell of body(runtime, 'Chats')[0]) expect(String(cell).length).toBeLessThanOrEqual(50_000);
    expect(errors(runtime)).toEqual([]);
  });

  test('lookups while the lock is held elsewhere are still logged, one row each, and answered', () => {
    const runtime = setUpRuntime();
    setSetting(runtime, 'Lookup log', 'on');
    lookup(runtime, 'jane@example.com', { caseId: 'before' });
    runtime.lock.holdElsewhere();
    for (let i = 0; i < 5; i++)
      expect(lookup(runtime, 'jane@example.com', { caseId: `busy-${i}` })).toMatch(/^Name: Jane Roe/);
    runtime.lock.releaseElsewhere();
    lookup(runtime, 'a.b@example.com', { caseId: 'after' });
    expect(body(runtime, 'Lookup log').map((row) => row[1])).toEqual([
      'before',
      'busy-0',
      'busy-1',
      'busy-2',
      'busy-3',
      'busy-4',
      'after',
    ]);
  });

  test('Lookup log retention 7 days prunes wherever rows are: a sorted tab and a cleared cell do not stop it', () => {
    let now = Date.UTC(2026, 0, 1, 9);
    const runtime = setUpRuntime([contactsSheet(PEOPLE)], { now: () => now });
    setSetting(runtime, 'Lookup log', 'on');
    setSetting(runtime, 'Log retention days', '7');
    for (let i = 0; i < 240; i++) {
      now += DAY / 8;
      lookup(runtime, i % 3 ? 'jane@example.com' : 'nobody@example.com', { caseId: `case-${i}` });
      if (i === 5) runtime.spreadsheet.sheet('Lookup log').setCell(3, 1, ''); // staff clear a date
      if (i === 100) {
        const sheet = runtime.spreadsheet.sheet('Lookup log');
        const [header, ...rows] = sheet.rows;
        sheet.rows = [header, ...rows.sort((a, b) => Number(b[0] || 0) - Number(a[0] || 0))]; // newest first
      }
    }
    // A day later (retention runs at least once a day), one more lookup.
    now += DAY;
    lookup(runtime, 'jane@example.com');
    const rows = body(runtime, 'Lookup log');
    const dates = rows.flatMap((row) => (isDate(row[0]) ? [row[0].getTime()] : []));
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.filter((t) => t < now - 8 * DAY)).toEqual([]);
    expect(rows.filter((row) => row[0] === '')).toHaveLength(1); // the row without a date is kept
  });

  test('a chat dated after now + 1 day is stored with its receiving time and is pruned by retention', () => {
    let now = Date.UTC(2026, 2, 1, 12);
    const runtime = withHistory(() => now);
    setSetting(runtime, 'Chat retention days', '7');
    post(runtime, chat('future', { created_at_seconds: Date.UTC(2100, 0, 1) / 1000 }));
    const [when] = body(runtime, 'Chats')[0];
    expect(isDate(when) && Math.abs(when.getTime() - now) < 60_000).toBe(true);
    for (let i = 0; i < 12; i++) {
      now += DAY;
      post(runtime, chat(`c${i}`, { created_at_seconds: now / 1000 }));
    }
    expect(caseIds(runtime)).not.toContain('future');
  });

  test('app tabs hold only their own columns: Chats 13, Lookup log 6, whatever Google gave the new tab', () => {
    const runtime = withHistory();
    setSetting(runtime, 'Lookup log', 'on');
    post(runtime, chat('c1'));
    lookup(runtime, 'jane@example.com');
    expect(tab(runtime, 'Chats')?.maxColumns).toBe(13);
    expect(tab(runtime, 'Lookup log')?.maxColumns).toBe(6);
  });

  test('Chats per day: the cap holds exactly, resends of recorded cases are not refused, other tabs are untouched', () => {
    const now = Date.UTC(2026, 5, 1, 12);
    const runtime = withHistory(() => now);
    setSetting(runtime, 'Chats per day', '2');
    const today = (id: string) => chat(id, { created_at_seconds: now / 1000 - 60 });
    expect(post(runtime, today('a'))).toBe(RECORDED);
    expect(post(runtime, today('b'))).toBe(RECORDED);
    expect(post(runtime, today('c'))).toMatch(
      /^Today's 2 chats \(the Chats per day setting\) are recorded; this chat was not/,
    );
    expect(post(runtime, today('a'))).not.toBe(RECORDED);
    expect(caseIds(runtime)).toEqual(['a', 'b']);
    expect(lookup(runtime, 'jane@example.com')).toContain('Chats: 2 ·');
    expect(checkSetup(runtime)).toContain('Chats recorded today: 2 of 2 (Chats per day).');
  });

  test('the spreadsheet at 80% of 10,000,000 cells: Check setup warns, chats are still recorded; at 90% they are refused, lookups still answer', () => {
    const runtime = withHistory();
    setSetting(runtime, 'Lookup log', 'on');
    post(runtime, chat('c0'));
    runtime.structuralChange('INSERT_GRID', () => {
      const big = runtime.spreadsheet.addSheet({ name: 'Archive', rows: [['Old']] });
      big.maxRows = Math.ceil(8_100_000 / big.maxColumns);
    });
    const report = checkSetup(runtime);
    expect(report).toMatch(/Spreadsheet size: [\d,]+ of Google's 10,000,000 cells \(8\d%\)/);
    expect(report).toMatch(/thing(s)? to fix/);
    expect(post(runtime, chat('c1'))).toBe(RECORDED);
    runtime.structuralChange('INSERT_GRID', () => {
      const big = runtime.spreadsheet.sheet('Archive');
      big.maxRows = Math.ceil(9_050_000 / big.maxColumns);
    });
    const logRows = body(runtime, 'Lookup log').length;
    expect(post(runtime, chat('c2'))).toMatch(/^The spreadsheet holds 90% of Google's 10,000,000 cells/);
    expect(lookup(runtime, 'jane@example.com')).toMatch(/^Name: Jane Roe\n[\s\S]*Chats: 2 · /);
    expect(body(runtime, 'Lookup log')).toHaveLength(logRows);
    expect(caseIds(runtime)).toEqual(['c0', 'c1']);
  });

  test('Check setup shows cells against 10,000,000, days until full, chats waiting and today’s count', () => {
    let now = Date.UTC(2026, 5, 1, 8);
    const runtime = withHistory(() => now);
    for (let d = 0; d < 3; d++) {
      for (let i = 0; i < 20; i++) post(runtime, chat(`d${d}-${i}`, { created_at_seconds: now / 1000 }));
      now += DAY;
    }
    post(runtime, chat('today', { created_at_seconds: now / 1000 }));
    runtime.lock.holdElsewhere();
    runtime.meter.fault = (_service, method) => (method === 'appendRow' ? new Error('x') : undefined);
    post(runtime, chat('waiting', { created_at_seconds: now / 1000 }));
    runtime.meter.fault = undefined;
    runtime.lock.releaseElsewhere();
    const report = checkSetup(runtime);
    expect(report).toMatch(/[\d,]+ of Google's 10,000,000 cells/);
    expect(report).toMatch(/new chats and log rows stop \(at 90%\) in about [\d,]+ days/);
    expect(report).toContain('Chats waiting in Script Properties to be written to the Chats tab: 1');
    // The waiting chat was accepted today: it counts against the cap as the recorded one does.
    expect(report).toContain('Chats recorded today: 2 of 5,000 (Chats per day).');
  });

  test('Forget a visitor… finds rows stored under a disguised spelling of the email and removes only theirs', () => {
    const runtime = withHistory();
    setSetting(runtime, 'Lookup log', 'on');
    post(runtime, chat('j1', { requested_by: 'Ja\u00adne@Example.com' }));
    post(runtime, chat('j2', { requested_by: '\u202ejane@example.com\u200b' }));
    post(runtime, chat('other', { requested_by: 'a.b@example.com' }));
    lookup(runtime, 'jane\u200d@example.com');
    lookup(runtime, 'a.b@example.com');
    runtime.ui.replies.push({ button: 'OK', text: 'JANE@example.com' }, { button: 'OK' });
    runtime.call('menuForgetVisitor');
    expect(runtime.ui.shown[runtime.ui.shown.length - 1].message).toMatch(
      /^Removed for jane@example\.com: 2 rows from the Chats tab, 1 row from the Lookup log tab/,
    );
    expect(caseIds(runtime)).toEqual(['other']);
    expect(body(runtime, 'Lookup log').map((row) => row[2])).toEqual(['a.b@example.com']);
    expect(lookup(runtime, 'jane@example.com')).not.toContain('Chats:');
  });
});

describe('issue 20: one cleaning at the edge, the key first, a history line that cannot lie', () => {
  test.each([
    ['a zero-width space', 'liam.rossi\u200b@example.org'],
    ['a soft hyphen', 'liam.\u00adrossi@example.org'],
    ['a right-to-left override', 'liam.rossi@exa\u202emple.org'],
    ['a word joiner and a BOM', '\ufeffliam\u2060.rossi@example.org'],
    ['a tag character', 'liam.rossi@example.org\udb40\udc41'],
  ])('%s inside a looked-up email still finds the contact', (_name, email) => {
    const runtime = setUpRuntime([
      contactsSheet([...PEOPLE, ['Liam Rossi', 'liam.rossi@example.org', 'Contoso Ltd', 'Business', '', '', '']]),
    ]);
    expect(lookup(runtime, email)).toMatch(/^Name: Liam Rossi\nEmail: liam\.rossi@example\.org/);
  });

  test('the same cleaning for lookups sent as a form or as JSON', () => {
    const runtime = setUpRuntime();
    const key = runtime.accessKey();
    const email = 'ja\u00adne\u200b@example.com\u202e';
    expect(runtime.post('', query({ key, email }), 'application/x-www-form-urlencoded').text).toMatch(
      /^Name: Jane Roe/,
    );
    expect(runtime.post('', JSON.stringify({ key, email }), 'application/json').text).toMatch(/^Name: Jane Roe/);
  });

  test.each([
    ['a zero-width space', 'liam.rossi\u200b@example.org'],
    ['a soft hyphen and capitals', 'Liam.Ros\u00adsi@Example.org'],
    ['a bidi mark', '\u200eliam.rossi@example.org'],
  ])('a contact whose email cell holds %s is found by its plain email, searched or indexed', (_name, cell) => {
    const sheet = contactsSheet([...PEOPLE, ['Liam Rossi', cell, 'Contoso Ltd', 'Business', '', '', '']]);
    const runtime = setUpRuntime([sheet]);
    runtime.cache.clear(); // no index: the lookup searches
    expect(lookup(runtime, 'liam.rossi@example.org')).toMatch(/^Name: Liam Rossi/);
    runtime.call('menuClearCache'); // the next lookup builds the index from the email column
    expect(lookup(runtime, 'liam.rossi@example.org')).toMatch(/^Name: Liam Rossi/);
    expect(Object.keys(runtime.cache.snapshot()).some((key) => /:index/.test(key))).toBe(true);
    runtime.cache.evict((key) => !/:index/.test(key)); // answers gone, the index kept: the lookup uses it
    expect(lookup(runtime, 'liam.rossi@example.org')).toMatch(/^Name: Liam Rossi/);
  });

  test('an email holding a control character is refused, not searched', () => {
    const runtime = setUpRuntime();
    expect(lookup(runtime, 'jane\u0007@example.com')).toBe('The email parameter contains control characters.');
    expect(lookup(runtime, 'jane@example.com\u0085')).toBe('The email parameter contains control characters.');
  });

  test('a chat filed under a disguised email shows in the plain lookup, and the reverse', () => {
    const runtime = withHistory();
    post(runtime, chat('c1', { requested_by: 'jane\u200b@exam\u00adple.com' }));
    expect(lookup(runtime, 'jane@example.com')).toMatch(/\nChats: 1 · /);
    post(runtime, chat('c2'));
    expect(lookup(runtime, '\u202ejane@example.com')).toMatch(/\nChats: 2 · /);
  });

  test.each([
    ['line feeds', 'Anna\nPlan: Enterprise (verified)\nPhone: +1 555 0000'],
    ['carriage returns and line separators', 'Anna\rPlan: Enterprise\u2028Phone: 1\u2029Company: Evil\u0085Name: X'],
  ])('an agent alias with %s cannot add lines to the answer', (_name, alias) => {
    const runtime = withHistory();
    const plain = lookup(runtime, 'jane@example.com').split('\n');
    post(runtime, chat('c1', { transcripts: [{ id: 'anna@example.com', alias, message: 'hi' }] }));
    const answer = lookup(runtime, 'jane@example.com');
    const lines = answer.split(/\r\n|[\n\r\u2028\u2029\u0085]/);
    expect(lines).toHaveLength(plain.length + 1);
    expect(lines.slice(0, -1)).toEqual(plain);
    expect(lines[lines.length - 1]).toMatch(/^Chats: 1 · last \d{4}-\d\d-\d\d with Anna/);
  });

  test('the latest chat by date is named among the last arrivals, and the count is every chat', () => {
    const runtime = withHistory();
    const at = (m: number, d: number) => Date.UTC(2026, m, d, 12) / 1000;
    post(runtime, chat('mar', { created_at_seconds: at(2, 1), description: 'march' }));
    post(runtime, chat('jul', { created_at_seconds: at(6, 20), description: 'july' }));
    post(runtime, chat('feb', { created_at_seconds: at(1, 3), description: 'february, late' }));
    post(runtime, chat('jan', { created_at_seconds: at(0, 9), description: 'january, late' }));
    expect(lookup(runtime, 'jane@example.com').split('\n').pop()).toBe('Chats: 4 · last 2026-07-20 with Anna: july');
  });

  test.each([
    ['nested arrays', '['.repeat(5_000) + ']'.repeat(5_000)],
    ['nested objects', '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000)],
    ['nested with an email', '{"email":"jane@example.com","x":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}'],
  ])('a keyless body of %s: Access denied, no console.error', (_name, text) => {
    const runtime = withHistory();
    expect(runtime.post('', text, 'application/json').text).toMatch(DENIED);
    expect(runtime.post(query({ key: 'wrong' }), text, 'application/json').text).toMatch(DENIED);
    expect(errors(runtime)).toEqual([]);
  });

  test('a deeply nested body with the right key is refused with a plain line and no console.error', () => {
    const runtime = withHistory();
    const answer = post(
      runtime,
      '{"id":"x","requested_by":"jane@example.com","a":' + '['.repeat(50_000) + ']'.repeat(50_000) + '}',
    );
    expect(answer).not.toBe(RECORDED);
    expect(answer).not.toMatch(/Error|at \w+ \(|stack/i);
    expect(caseIds(runtime)).toEqual([]);
    expect(errors(runtime)).toEqual([]);
  });

  test.each([
    ['an id that is an object', '{"id":{"a":1},"requested_by":"jane@example.com"}'],
    ['an id that is null', '{"id":null,"requested_by":"jane@example.com"}'],
    ['an array', '[1,2,3]'],
    ['a bare string', '"hello"'],
    ['null', 'null'],
    ['a numeric email', '{"id":"n1","requested_by":5}'],
    [
      'transcripts of odd types',
      '{"id":"t1","requested_by":"jane@example.com","transcripts":[null,5,{"alias":{},"message":[]}]}',
    ],
    ['transcripts as a string', '{"id":"t2","requested_by":"jane@example.com","transcripts":"x"}'],
    ['a key as an array', '{"key":["a","b"],"id":"t3","requested_by":"jane@example.com"}'],
    ['truncated JSON', '{"id":"t4","requested_by":"jane@exa'],
    ['duplicate members', '{"id":"t5","id":"t6","requested_by":"jane@example.com"}'],
  ])('a hostile body with the right key (%s): one plain line, no console.error', (_name, text) => {
    const runtime = withHistory();
    const answer = post(runtime, text);
    expect(answer).not.toMatch(/\n|TypeError|Error:|at \w+ \(|undefined/);
    expect(answer.length).toBeLessThan(300);
    expect(errors(runtime)).toEqual([]);
  });

  test('two different keys (URL and JSON body, URL and form) are denied for lookups and chats', () => {
    const runtime = withHistory();
    const key = runtime.accessKey();
    const url = query({ key });
    expect(post(runtime, { ...chat('c1'), key: 'another' }, url)).toMatch(DENIED);
    expect(post(runtime, { key: 'another', email: 'jane@example.com' }, url)).toMatch(DENIED);
    expect(
      runtime.post(url, query({ key: 'another', email: 'jane@example.com' }), 'application/x-www-form-urlencoded').text,
    ).toMatch(DENIED);
    expect(runtime.get(`${url}&key=another&email=jane%40example.com`).text).toMatch(DENIED);
    expect(caseIds(runtime)).toEqual([]);
    // The same key twice is one key.
    expect(post(runtime, { ...chat('c2'), key }, url)).toBe(RECORDED);
  });

  test('case IDs: 60,000 and 1,001 characters refused with nothing written; 1,000 accepted once', () => {
    const runtime = withHistory();
    for (const length of [60_000, 1_001]) {
      const answer = post(runtime, chat('x'.repeat(length)));
      expect(answer).not.toBe(RECORDED);
      expect(answer.length).toBeLessThan(300);
      expect(answer).not.toContain('xxxxxxxxxx');
    }
    expect(tab(runtime, 'Chats')?.rows.length ?? 1).toBe(1);
    expect(post(runtime, chat('y'.repeat(1_000)))).toBe(RECORDED);
    expect(post(runtime, chat('y'.repeat(1_000)))).not.toBe(RECORDED);
    expect(caseIds(runtime)).toEqual(['y'.repeat(1_000)]);
  });

  test('300 chats: a cold lookup (the whole cache cleared) fetches at most 60 rows, with the right count and latest', () => {
    let now = Date.UTC(2026, 8, 1);
    const runtime = withHistory(() => now);
    for (let i = 0; i < 300; i++) {
      now += 3_600_000;
      // Chat 297 is dated 20 hours ahead (still within now + 1 day, so kept): its date is the
      // latest although two chats arrive after it.
      const created = i === 297 ? now + 20 * 3_600_000 : now;
      post(runtime, chat(`j${i}`, { created_at_seconds: created / 1000, description: `chat ${i}` }));
      // Another visitor's chats in between, so the visitor's rows are spread out.
      if (i % 10 === 0)
        post(runtime, chat(`o${i}`, { requested_by: 'a.b@example.com', created_at_seconds: now / 1000 }));
    }
    const history = 'Chats: 300 · last 2026-09-14 with Anna: chat 297';
    for (let round = 1; round <= 2; round++) {
      runtime.cache.clear();
      let answer = '';
      const rows = rowsFetched(() => {
        answer = lookup(runtime, 'jane@example.com');
      });
      expect([round, rows]).toEqual([round, Math.min(rows, 60)]);
      expect([round, answer.split('\n').pop()]).toEqual([round, history]);
    }
    // After Contact lookup > Clear cache the count and the latest stay right. (The rows fetched by
    // that first lookup are not bounded here: it reads the whole email column to build the index;
    // see the report of this acceptance run.)
    runtime.call('menuClearCache');
    expect(lookup(runtime, 'jane@example.com').split('\n').pop()).toBe(history);
  });

  test('after a seeded fuzzed run the Lookup log and Chats tabs hold no control, bidi or format character', () => {
    let seed = 20_261_201;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const nasty = [
      '\u0000',
      '\u0007',
      '\u001b',
      '\u007f',
      '\u0085',
      '\u009b',
      '\u00ad',
      '\u061c',
      '\u200b',
      '\u200e',
      '\u202a',
      '\u202e',
      '\u2066',
      '\u2069',
      '\ufeff',
      '\ud800',
      '\udc00',
      '\udb40\udc41',
      '\n',
      '\r',
      '\t',
      '\u2028',
    ];
    const inUrl = nasty.filter((c) => !/^[\ud800-\udfff]$/.test(c));
    const mess = (text: string, from = nasty) => {
      const chars = [...text];
      for (let i = 0; i < 4; i++)
        chars.splice(Math.floor(random() * (chars.length + 1)), 0, from[Math.floor(random() * from.length)]);
      return chars.join('');
    };
    const runtime = withHistory();
    setSetting(runtime, 'Lookup log', 'on');
    setSetting(runtime, 'Chat transcripts', 'on');
    for (let i = 0; i < 40; i++) {
      // A URL cannot carry a lone surrogate (it is not UTF-8): lookups get the rest.
      lookup(runtime, mess('jane@example.com', inUrl), {
        ip: mess('203.0.113.7', inUrl),
        url: mess('https://shop.example.com/a', inUrl),
        caseId: mess(`case-${i}`, inUrl),
      });
      post(
        runtime,
        chat(mess(`case-${i}`), {
          requested_by: mess('a.b@example.com'),
          requester_details: { name: mess('Ann B'), emails: [], phones: [], company_name: mess('Bee') },
          description: mess('about my order'),
          page_url: mess('https://shop.example.com/orders/1'),
          ip_address: mess('198.51.100.1'),
          transcripts: [{ id: 'anna@example.com', alias: mess('Anna'), message: mess('line one\nline two') }],
          notes: mess('a note'),
        }),
      );
    }
    expect(body(runtime, 'Lookup log').length).toBeGreaterThan(0);
    expect(body(runtime, 'Chats').length).toBeGreaterThan(0);
    for (const name of ['Lookup log', 'Chats']) {
      for (const row of body(runtime, name)) {
        for (const cell of row) {
          if (typeof cell !== 'string') continue;
          expect([name, cell, FORBIDDEN.test(cell.replace(/[\n\r\t]/g, ''))]).toEqual([name, cell, false]);
        }
      }
    }
    expect(errors(runtime)).toEqual([]);
  });
});
