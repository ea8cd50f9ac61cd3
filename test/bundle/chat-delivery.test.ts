/**
 * No accepted chat is lost, none is recorded twice: SnapEngage cannot be made to resend (every
 * answer is a 200 after Google's redirect) and may resend anyway. Each service call of a chat is
 * made to fail in turn, the lock is held elsewhere, executions are interleaved; after later
 * executions (the 15-minute trigger, a lookup, another chat) the case is in the Chats tab exactly
 * once and the tab has its header row.
 *
 * Deliberate mutations of the code the sweep below catches (tried by hand): no SpreadsheetApp.flush()
 * before the lock is released (src/gas/services.ts); an empty Chats tab not given its header row
 * back (src/gas/spreadsheet.ts, prepare); waiting chats written without checking the case IDs in the
 * tab (src/core/chats/chat-recording.ts, writePendingChats).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppsScriptRuntime } from '../../local/gas/runtime';
import { contactsSheet, lookup, PEOPLE, query, setSetting, setUpRuntime } from '../support/runtime';

const SAMPLE = path.resolve(__dirname, '../../sample/integration-api/chat.json');
const HEADERS = ['When', 'Case ID', 'Visitor email', 'Visitor name', 'Type', 'Agent', 'Wait (s)'];
const DAY = 86_400_000;
// Dates written by the bundle come from its own realm: not instanceof this one's Date.
const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';

function chat(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...JSON.parse(readFileSync(SAMPLE, 'utf8')), id, requested_by: 'jane@example.com', ...overrides };
}

function post(runtime: AppsScriptRuntime, body: Record<string, unknown>): string {
  return runtime.post(query({ key: runtime.accessKey() }), JSON.stringify(body), 'application/json').text;
}

function withHistory(now?: () => number): AppsScriptRuntime {
  const runtime = setUpRuntime([contactsSheet(PEOPLE)], now ? { now } : {});
  setSetting(runtime, 'Chat history', 'on');
  return runtime;
}

const chatsTab = (runtime: AppsScriptRuntime) => runtime.spreadsheet.sheets.find((s) => s.getName() === 'Chats');
const caseIds = (runtime: AppsScriptRuntime) =>
  chatsTab(runtime)
    ?.rows.slice(1)
    .map((row) => row[1]) ?? [];
const pending = (runtime: AppsScriptRuntime) =>
  [...runtime.scriptProperties.values.keys()].filter((key) => key.startsWith('PENDING_CHAT_'));

/** Later executions: the 15-minute trigger, then another chat and a lookup. */
function later(runtime: AppsScriptRuntime): void {
  runtime.fireTimers();
  post(runtime, chat('later'));
  lookup(runtime, 'jane@example.com');
}

const RECORDED = 'Chat recorded.';
const KEPT = 'The spreadsheet could not be written just now; the chat was kept and will be written shortly.';

describe('whatever single service call fails, the chat ends up recorded exactly once', () => {
  // `first`: the chat that creates the Chats tab; otherwise one chat is already there. `busy`: the
  // script lock is held elsewhere for longer than the wait while the chat arrives.
  test.each([
    ['the first chat (the tab is created)', true, false],
    ['a later chat', false, false],
    ['a later chat while the lock is busy', false, true],
  ])('%s', (_name, first, busy) => {
    const prepare = () => {
      const runtime = withHistory();
      if (!first) post(runtime, chat('before'));
      lookup(runtime, 'a.b@example.com'); // the state is in the cache: the key check needs no Script Properties read
      if (busy) runtime.lock.holdElsewhere();
      return runtime;
    };
    const steps = (() => {
      const runtime = prepare();
      return runtime.serviceCalls(() => post(runtime, chat('c1')));
    })();
    expect(steps).toBeGreaterThanOrEqual(6);
    const answers = new Set<string>();
    for (let step = 1; step <= steps; step++) {
      const runtime = prepare();
      let calls = 0;
      const failed: string[] = [];
      runtime.meter.fault = (service, method) => {
        if (++calls !== step) return undefined;
        failed.push(`${service}.${method}`);
        return new Error(`Service ${service} failed while accessing ${method}.`);
      };
      const answer = post(runtime, chat('c1'));
      runtime.meter.fault = undefined;
      runtime.lock.releaseElsewhere();
      answers.add(answer);
      expect([`step ${step} (${failed.join()})`, [RECORDED, KEPT].includes(answer) ? 'ok' : answer]).toEqual([
        `step ${step} (${failed.join()})`,
        'ok',
      ]);
      later(runtime);
      const context = `step ${step} (${failed.join()})`;
      expect([context, caseIds(runtime).filter((id) => id === 'c1')]).toEqual([context, ['c1']]);
      expect([context, chatsTab(runtime)?.rows[0].slice(0, HEADERS.length)]).toEqual([context, HEADERS]);
      expect([context, pending(runtime)]).toEqual([context, []]);
      expect(new Set(caseIds(runtime)).size).toBe(caseIds(runtime).length);
    }
    // Both outcomes occur, and each answer said what happened.
    expect([...answers].sort()).toEqual([RECORDED, KEPT].sort());
  });
});

describe('the lock held elsewhere for longer than the wait', () => {
  test('the row is appended without it, and a resend adds nothing', () => {
    const runtime = withHistory();
    post(runtime, chat('c0'));
    runtime.lock.holdElsewhere();
    expect(post(runtime, chat('c1'))).toBe(RECORDED);
    expect(post(runtime, chat('c1'))).toBe('This chat was already recorded; nothing was added.');
    runtime.lock.releaseElsewhere();
    expect(caseIds(runtime)).toEqual(['c0', 'c1']);
  });

  test('two deliveries of one case racing without the lock leave a copy that lookups ignore and the next locked write removes', () => {
    const runtime = withHistory();
    post(runtime, chat('c0'));
    runtime.lock.holdElsewhere();
    // The second delivery runs right before the first one's appendRow: both saw no row for the case.
    const calls = runtime.serviceCalls(() => post(runtime, chat('probe')));
    let appendAt = 0;
    let count = 0;
    runtime.meter.hooks.push((call) => {
      count++;
      if (call.method === 'appendRow' && !appendAt) appendAt = count;
    });
    post(runtime, chat('probe-2'));
    runtime.meter.hooks = [];
    expect(appendAt).toBeGreaterThan(0);
    expect(appendAt).toBeLessThanOrEqual(calls);
    runtime.interleave(
      () => post(runtime, chat('c1')),
      appendAt,
      () => post(runtime, chat('c1')),
    );
    expect(caseIds(runtime).filter((id) => id === 'c1')).toHaveLength(2);
    expect(lookup(runtime, 'jane@example.com')).toContain('Chats: 4 ·');
    runtime.lock.releaseElsewhere();
    post(runtime, chat('c2'));
    expect(caseIds(runtime)).toEqual(['c0', 'probe', 'probe-2', 'c1', 'c2']);
  });

  test('with no Chats tab yet, the chat is kept and written by the trigger', () => {
    const runtime = withHistory();
    runtime.lock.holdElsewhere();
    expect(post(runtime, chat('c1'))).toBe(KEPT);
    expect(chatsTab(runtime)).toBeUndefined();
    runtime.fireTimers(); // still busy: nothing happens, nothing is lost
    expect(pending(runtime)).toHaveLength(1);
    runtime.lock.releaseElsewhere();
    runtime.fireTimers();
    expect(caseIds(runtime)).toEqual(['c1']);
    expect(pending(runtime)).toEqual([]);
  });
});

describe('kept chats are written by the next execution that reads Script Properties', () => {
  test('a lookup confirming its state (about once a minute) writes them; nothing waiting costs nothing', () => {
    let now = Date.UTC(2026, 10, 30, 9);
    const runtime = withHistory(() => now);
    post(runtime, chat('c0'));
    runtime.meter.fault = (_service, method) =>
      method === 'appendRow' ? new Error('Service Spreadsheets failed') : undefined;
    expect(post(runtime, chat('c1'))).toBe(KEPT);
    runtime.meter.fault = undefined;
    lookup(runtime, 'jane@example.com');
    now += 61_000;
    lookup(runtime, 'a.b@example.com');
    expect(caseIds(runtime)).toEqual(['c0', 'c1']);
    expect(pending(runtime)).toEqual([]);
    // The trigger with nothing waiting: one Script Properties read, nothing else.
    runtime.meter.reset();
    runtime.fireTimers();
    expect(runtime.meter.counts).toMatchObject({
      propertiesReads: 1,
      propertiesWrites: 0,
      sheetCalls: 0,
      cacheReads: 0,
    });
  });

  test('the common path (lock free, write succeeds) makes no Script Properties call', () => {
    const runtime = withHistory();
    post(runtime, chat('c0'));
    lookup(runtime, 'a.b@example.com');
    runtime.meter.reset();
    post(runtime, chat('c1'));
    // The visitor's next lookup reads afresh through a chat token in the cache, not a new generation.
    // Sheets: open, find the tab, look for the case, last row, appendRow, flush before the lock goes.
    expect(runtime.meter.counts).toMatchObject({
      propertiesReads: 0,
      propertiesWrites: 0,
      sheetCalls: 6,
      cacheReads: 1,
    });
  });

  test('Script Properties failing too: the answer says so and the log names the case, nothing personal', () => {
    const runtime = withHistory();
    post(runtime, chat('c0'));
    lookup(runtime, 'a.b@example.com'); // the state is in the cache again after the new tab
    runtime.meter.fault = (service, method) =>
      method === 'appendRow' || service === 'properties' ? new Error(`${service} failed`) : undefined;
    expect(post(runtime, chat('case-lost-1'))).toBe(
      'The chat could not be kept: the spreadsheet and the script storage both failed. Its case ID is in the execution log.',
    );
    runtime.meter.fault = undefined;
    const lines = runtime.logs.map((l) => l.message).join('\n');
    expect(lines).toContain('case-lost-1');
    expect(lines).not.toContain('jane@example.com');
  });
});

describe('volumes', () => {
  test('1,500 chats in a day: 1,500 rows, one per case, past the 1,000 rows of a new tab', () => {
    let now = Date.UTC(2026, 10, 30, 0, 0, 1);
    const runtime = withHistory(() => now);
    for (let i = 0; i < 1_500; i++) {
      now += 50_000;
      expect(post(runtime, chat(`c${i}`, { created_at_seconds: now / 1000 }))).toBe(RECORDED);
    }
    const ids = caseIds(runtime);
    expect(ids).toHaveLength(1_500);
    expect(new Set(ids).size).toBe(1_500);
    expect(chatsTab(runtime)?.maxColumns).toBe(13);
  }, 120_000);

  test('1,200 logged lookups: 1,200 log rows', () => {
    const runtime = setUpRuntime();
    setSetting(runtime, 'Lookup log', 'on');
    for (let i = 0; i < 1_200; i++) lookup(runtime, i % 2 ? 'jane@example.com' : 'nobody@example.com');
    const log = runtime.spreadsheet.sheet('Lookup log');
    expect(log.rows.slice(1)).toHaveLength(1_200);
    expect(log.maxColumns).toBe(6);
  }, 120_000);
});

describe('retention wherever the rows are', () => {
  test('7 days, a future-dated chat first and a cleared cell: no row older than 8 days stays', () => {
    let now = Date.UTC(2026, 0, 1);
    const runtime = withHistory(() => now);
    setSetting(runtime, 'Chat retention days', '7');
    post(runtime, chat('future', { created_at_seconds: Date.UTC(2100, 0, 1) / 1000 }));
    for (let i = 0; i < 400; i++) {
      now += DAY / 4;
      post(runtime, chat(`c${i}`, { created_at_seconds: now / 1000 }));
      if (i === 10) runtime.spreadsheet.sheet('Chats').setCell(4, 1, ''); // staff clear a When cell
      if (i === 200) {
        // Staff sort the tab newest first.
        const sheet = runtime.spreadsheet.sheet('Chats');
        const [header, ...rows] = sheet.rows;
        sheet.rows = [header, ...rows.sort((a, b) => Number(b[0] || 0) - Number(a[0] || 0))];
      }
    }
    const times = chatsTab(runtime)
      ?.rows.slice(1)
      .flatMap((row) => (isDate(row[0]) ? [row[0].getTime()] : []));
    expect(times?.length).toBeGreaterThan(0);
    expect(times?.filter((t) => t < now - 8 * DAY)).toEqual([]);
    // The future-dated chat was dated by its arrival, and the row without a date is kept.
    expect(chatsTab(runtime)?.rows.filter((row) => row[0] === '')).toHaveLength(1);
  });
});

describe('a key holder cannot fill the spreadsheet', () => {
  const checkSetup = (runtime: AppsScriptRuntime) => {
    runtime.call('menuCheckSetup');
    return runtime.ui.shown[runtime.ui.shown.length - 1].message;
  };

  test('Chats per day caps a burst, in the spreadsheet time zone; one log line a day; the count survives cache loss', () => {
    let now = Date.UTC(2026, 10, 30, 10);
    const runtime = withHistory(() => now);
    runtime.spreadsheet.timeZone = 'America/New_York'; // 05:00 there
    setSetting(runtime, 'Chats per day', '3');
    // SnapEngage posts a chat when it ends: created today.
    const today = (id: string) => chat(id, { created_at_seconds: (now - 600_000) / 1000 });
    for (let i = 0; i < 3; i++) expect(post(runtime, today(`c${i}`))).toBe(RECORDED);
    const refused =
      "Today's 3 chats (the Chats per day setting) are recorded; this chat was not. It is counted again tomorrow.";
    expect(post(runtime, today('c3'))).toBe(refused);
    runtime.cache.clear(); // the day's counter is gone: counted again from the Chats tab's dates
    expect(post(runtime, today('c4'))).toBe(refused);
    expect(caseIds(runtime)).toEqual(['c0', 'c1', 'c2']);
    expect(runtime.logs.filter((l) => l.message.startsWith('Chat: refused, Chats per day'))).toHaveLength(2);
    expect(checkSetup(runtime)).toContain('Chats recorded today: 3 of 3 (Chats per day).');
    now += 15 * 3_600_000; // 01:00 on the next day in UTC, still 20:00 the same day in New York
    expect(post(runtime, chat('c5', { created_at_seconds: now / 1000 }))).toBe(refused);
    now += 4 * 3_600_000; // midnight in New York
    expect(post(runtime, chat('c5', { created_at_seconds: now / 1000 }))).toBe(RECORDED);
    setSetting(runtime, 'Chats per day', '0');
    for (let i = 6; i < 10; i++)
      expect(post(runtime, chat(`c${i}`, { created_at_seconds: now / 1000 }))).toBe(RECORDED);
  });

  test('at 90% of 10,000,000 cells no chat or log row is added, and Check setup says why', () => {
    const runtime = withHistory();
    setSetting(runtime, 'Lookup log', 'on');
    post(runtime, chat('c0'));
    lookup(runtime, 'jane@example.com');
    const report = checkSetup(runtime);
    expect(report).toMatch(
      /Spreadsheet size: [\d,]+ of Google's 10,000,000 cells \(0%\); the app's tabs grew by about \d+ cells a day/,
    );
    // Staff paste a huge tab: 9,000,000 cells more.
    runtime.structuralChange('INSERT_GRID', () => {
      const big = runtime.spreadsheet.addSheet({ name: 'Archive', rows: [['Old']] });
      big.maxRows = 346_154;
    });
    const logRows = runtime.spreadsheet.sheet('Lookup log').rows.length;
    expect(post(runtime, chat('c1'))).toBe(
      "The spreadsheet holds 90% of Google's 10,000,000 cells, so no new chat is recorded. Ask the admin to run Contact lookup > Check setup.",
    );
    lookup(runtime, 'jane@example.com');
    lookup(runtime, 'a.b@example.com');
    expect(runtime.spreadsheet.sheet('Lookup log').rows.length).toBe(logRows);
    expect(caseIds(runtime)).toEqual(['c0']);
    expect(runtime.logs.filter((l) => l.message.includes('the spreadsheet holds 90%'))).toHaveLength(2);
    expect(checkSetup(runtime)).toMatch(/^1 thing to fix\.[\s\S]*\(90%\)[\s\S]*refused now/);
  });

  test('Check setup counts the chats waiting to be written', () => {
    const runtime = withHistory();
    runtime.lock.holdElsewhere();
    post(runtime, chat('c1'));
    runtime.lock.releaseElsewhere();
    expect(checkSetup(runtime)).toContain('Chats waiting in Script Properties to be written to the Chats tab: 1');
  });
});

describe('Contact lookup > Forget a visitor…', () => {
  test("removes the visitor's chats, log rows, waiting chats and cached answer, and says how many", () => {
    const runtime = withHistory();
    setSetting(runtime, 'Lookup log', 'on');
    post(runtime, chat('c1'));
    post(runtime, chat('other', { requested_by: 'a.b@example.com' }));
    post(runtime, chat('c2', { requested_by: 'JANE@example.com ' }));
    expect(lookup(runtime, 'jane@example.com')).toContain('Chats: 2 ·');
    lookup(runtime, 'a.b@example.com');
    runtime.lock.holdElsewhere();
    runtime.meter.fault = (_service, method) => (method === 'appendRow' ? new Error('Sheets failed') : undefined);
    expect(post(runtime, chat('c3'))).toBe(KEPT);
    runtime.meter.fault = undefined;
    runtime.lock.releaseElsewhere();
    runtime.ui.replies.push({ button: 'OK', text: ' Jane@Example.com' }, { button: 'OK' });
    runtime.call('menuForgetVisitor');
    expect(runtime.ui.shown[runtime.ui.shown.length - 1].message).toBe(
      'Removed for jane@example.com: 2 rows from the Chats tab, 1 row from the Lookup log tab, 1 chat waiting to be written, and the cached answer. The contacts tab was not changed: edit it yourself if the visitor is a contact.',
    );
    expect(caseIds(runtime)).toEqual(['other']);
    expect(
      runtime.spreadsheet
        .sheet('Lookup log')
        .rows.slice(1)
        .map((row) => row[2]),
    ).toEqual(['a.b@example.com']);
    expect(pending(runtime)).toEqual([]);
    expect(lookup(runtime, 'jane@example.com')).not.toContain('Chats:');
    expect(runtime.logs.map((l) => l.message).join('\n')).not.toMatch(/jane@example\.com/i);
  });

  test('not an email: said so, nothing removed', () => {
    const runtime = withHistory();
    post(runtime, chat('c1'));
    runtime.ui.replies.push({ button: 'OK', text: 'jane' }, { button: 'OK' });
    runtime.call('menuForgetVisitor');
    expect(runtime.ui.shown[runtime.ui.shown.length - 1].message).toContain('not an email address');
    expect(caseIds(runtime)).toEqual(['c1']);
  });
});

test('Set up trims the empty columns of app tabs made before, keeping anything staff wrote there', () => {
  const headers = ['When', 'Case ID', 'Visitor email', 'Visitor name', 'Type', 'Agent', 'Wait (s)'];
  const chats = [[...headers, 'Duration (s)', 'Page URL', 'Description', 'Agent notes', 'Case link', 'Transcript']];
  const runtime = new AppsScriptRuntime({
    sheets: [
      contactsSheet(PEOPLE),
      { name: 'Chats', rows: chats },
      {
        name: 'Lookup log',
        rows: [['Time', 'Case ID', 'Email', 'Visitor IP', 'Page URL', 'Matches', '', 'staff note']],
      },
    ],
  });
  expect(runtime.spreadsheet.sheet('Chats').maxColumns).toBe(26);
  runtime.ui.replies.push({ button: 'CANCEL' }, { button: 'OK' });
  runtime.call('menuSetUp');
  expect(runtime.spreadsheet.sheet('Chats').maxColumns).toBe(13);
  expect(runtime.spreadsheet.sheet('Lookup log').maxColumns).toBe(8);
  expect(runtime.spreadsheet.sheet('Lookup log').rows[0][7]).toBe('staff note');
  expect(runtime.spreadsheet.sheet('Settings').maxColumns).toBe(3);
  expect(runtime.ui.shown.map((s) => s.message).join('\n')).toContain(
    "Removed the empty columns to the right of the app's own tabs: 31,000 fewer cells counted against Google's 10,000,000.",
  );
});
