/**
 * The Contact lookup menu, through the fakes on the built bundle.
 */
import { AppsScriptRuntime } from '../../local/gas/runtime';
import { contactsSheet, lookup, PEOPLE, query, setUpRuntime, setSetting } from '../support/runtime';

const EXEC_URL = 'https://script.google.com/macros/s/AKfycbx123/exec';

function lastMessage(runtime: AppsScriptRuntime): string {
  return runtime.ui.shown[runtime.ui.shown.length - 1].message;
}

describe('Set up…', () => {
  test('on an empty spreadsheet: Contacts and Settings tabs, a key, one trigger, and the URL to paste', () => {
    const runtime = new AppsScriptRuntime();
    runtime.ui.replies.push({ button: 'OK', text: ` ${EXEC_URL} ` });
    runtime.call('menuSetUp');
    expect(runtime.spreadsheet.sheets.map((s) => s.getName())).toEqual(['Sheet1', 'Contacts', 'Settings']);
    expect(runtime.spreadsheet.sheet('Contacts').rows[0]).toEqual([
      'Email',
      'Name',
      'Company',
      'Phone',
      'Plan',
      'Account manager',
      'Notes',
    ]);
    expect(runtime.spreadsheet.sheet('Settings').rows.map((r) => r[0])).toEqual([
      'Setting',
      'Contacts tab',
      'Email column',
      'Extra email columns',
      'Max matches',
      'Answer template',
      'No match text',
      'Max answer length',
      'Cache minutes',
      'Lookup log',
      'Log retention days',
      'Chat history',
      'Chat transcripts',
      'Chat retention days',
      'Chats per day',
    ]);
    expect(
      runtime.scriptApp
        .getProjectTriggers()
        .map((t) => [t.getHandlerFunction(), t.getEventType(), t.getTriggerSourceId()]),
    ).toEqual([
      ['onSheetChange', 'ON_CHANGE', runtime.spreadsheet.getId()],
      ['onPendingChatsTimer', 'CLOCK', ''],
    ]);
    expect(lastMessage(runtime)).toContain(`${EXEC_URL}?key=${runtime.accessKey()}`);
    expect(lastMessage(runtime)).toContain('Settings > Integrations > Plugins > Get Contact OPEN API');
  });

  test('on a spreadsheet with data: data untouched, safe to run twice, one trigger, same key', () => {
    const runtime = new AppsScriptRuntime({
      sheets: [
        contactsSheet(PEOPLE),
        {
          name: 'Settings',
          rows: [
            ['Setting', 'Value'],
            ['Max matches', '2'],
          ],
        },
      ],
    });
    const before = JSON.stringify(runtime.spreadsheet.sheet('Contacts').rows);
    runtime.ui.replies.push({ button: 'CANCEL' }, { button: 'OK' }, { button: 'CANCEL' }, { button: 'OK' });
    runtime.call('menuSetUp');
    const key = runtime.accessKey();
    runtime.call('menuSetUp');
    expect(JSON.stringify(runtime.spreadsheet.sheet('Contacts').rows)).toBe(before);
    expect(runtime.spreadsheet.sheets.map((s) => s.getName())).toEqual(['Contacts', 'Settings']);
    const settings = runtime.spreadsheet.sheet('Settings').rows;
    expect(settings[1]).toEqual(['Max matches', '2']);
    expect(settings.filter((r) => r[0] === 'Max matches')).toHaveLength(1);
    expect(settings).toHaveLength(15);
    expect(runtime.scriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual([
      'onSheetChange',
      'onPendingChatsTimer',
    ]);
    expect(runtime.accessKey()).toBe(key);
    expect(lastMessage(runtime)).toContain('Everything was already set up; nothing was changed.');
    expect(lastMessage(runtime)).toContain(`?key=${key}`);
  });

  test('a tab with an email column that is not named Contacts is used as is, not duplicated', () => {
    const runtime = setUpRuntime([
      {
        name: 'People',
        rows: [
          ['Name', 'E-mail'],
          ['Zed', 'z@x.co'],
        ],
      },
    ]);
    expect(runtime.spreadsheet.sheets.map((s) => s.getName())).toEqual(['People', 'Settings']);
    expect(lookup(runtime, 'z@x.co')).toBe('Name: Zed\nE-mail: z@x.co');
  });

  test('the web app remembers its /exec URL from a live request, so Set up shows it without asking', () => {
    const runtime = setUpRuntime();
    runtime.serve(
      'GET',
      { queryString: '', parameter: {}, parameters: {}, contextPath: '', contentLength: -1 },
      EXEC_URL,
    );
    runtime.call('menuSetUp');
    expect(runtime.ui.shown.filter((s) => s.kind === 'prompt')).toEqual([]);
    expect(lastMessage(runtime)).toContain(`${EXEC_URL}?key=${runtime.accessKey()}`);
  });

  test('a /dev URL outside a request is never remembered, and a pasted non-/exec URL is refused with help', () => {
    const runtime = setUpRuntime();
    runtime.ui.replies.push({ button: 'OK', text: 'https://script.google.com/macros/s/X/dev' });
    runtime.call('menuSetUp');
    expect(runtime.ui.shown.map((s) => s.title)).toContain('That is not a web app URL');
    expect(runtime.scriptProperties.values.has('WEB_APP_URL')).toBe(false);
    expect(lastMessage(runtime)).toContain(`?key=${runtime.accessKey()}`);
  });
});

describe('Test a lookup…', () => {
  test.each(['jane@example.com', ' A.B@example.com', 'nobody@example.com', 'not an email'])(
    'shows exactly what doGet answers for %j',
    (email) => {
      const runtime = setUpRuntime();
      const web = runtime.get(query({ key: runtime.accessKey(), email })).text;
      runtime.ui.replies.push({ button: 'OK', text: email });
      runtime.call('menuTestLookup');
      // What the agent sees comes first, exactly; what it left out follows below a rule.
      expect(lastMessage(runtime).split('\n\n―――\n')[0]).toBe(web);
    },
  );

  test('below the answer: the hidden and _ columns it left out, by name, and matches beyond Max matches', () => {
    const rows = [...PEOPLE, ['Jane Two', 'JANE@example.com', 'Beta', 'Free', '', 'note', '']];
    const runtime = setUpRuntime([contactsSheet(rows, undefined, { hiddenColumns: [4] })]);
    setSetting(runtime, 'Max matches', '1');
    runtime.ui.replies.push({ button: 'OK', text: 'jane@example.com' });
    runtime.call('menuTestLookup');
    expect(lastMessage(runtime).split('\n\n―――\n')[1]).toBe(
      [
        'Left out of this answer:',
        '• hidden columns: Plan',
        '• columns starting with _: _Internal',
        '• 1 more match beyond Max matches (1)',
      ].join('\n'),
    );
    const plain = setUpRuntime();
    plain.ui.replies.push({ button: 'OK', text: 'a.b@example.com' });
    plain.call('menuTestLookup');
    expect(lastMessage(plain)).toMatch(/\n\n―――\nNothing was left out of this answer\.$/);
  });

  test('before Set up it says what to do', () => {
    const runtime = new AppsScriptRuntime({ sheets: [contactsSheet(PEOPLE)] });
    runtime.call('menuTestLookup');
    expect(lastMessage(runtime)).toBe('Run Contact lookup > Set up first.');
  });
});

describe('Check setup', () => {
  test('reports each planted problem', () => {
    const rows = [
      ...PEOPLE,
      ['Dup', ' JANE@example.com', '', '', '', '', ''],
      ['Bad', 'not-an-email', '', '', '', '', ''],
    ];
    const runtime = new AppsScriptRuntime({
      sheets: [
        contactsSheet(rows, undefined, { hiddenColumns: [4] }),
        {
          name: 'Settings',
          rows: [
            ['Setting', 'Value'],
            ['Max matches', 'lots'],
            ['Extra email columns', 'Work email'],
          ],
        },
      ],
    });
    runtime.call('menuCheckSetup');
    const before = lastMessage(runtime);
    expect(before).toContain('Access key: missing. Run Contact lookup > Set up.');
    expect(before).toContain('Change trigger: not installed');
    expect(before).toContain('Web app URL: not known yet');

    runtime.ui.replies.push({ button: 'CANCEL' }, { button: 'OK' });
    runtime.call('menuSetUp');
    lookup(runtime, 'jane@example.com');
    runtime.call('menuCheckSetup');
    const report = lastMessage(runtime);
    expect(report).toContain('Contacts tab: "Contacts", email searched in "Email".');
    expect(report).toContain('Contacts with an email: 5.');
    expect(report).toContain('Emails on more than one row (agents see every row): jane@example.com (rows 2, 6).');
    expect(report).toContain('Cells in an email column that are not emails: row 7, Email: "not-an-email".');
    expect(report).toContain('Columns agents never see (hidden, or starting with _): "Plan", "_Internal".');
    expect(report).toContain('"Max matches" must be a whole number from 1 to 50; using the default (5).');
    expect(report).toContain('Extra email column "Work email" is not in row 1');
    expect(report).toContain('Access key: set.');
    expect(report).toMatch(/Change trigger: installed by this account on \d{4}-\d\d-\d\d \d\d:\d\d UTC\./);
    expect(report).toContain('Web app URL: https://script.google.com/macros/s/local-script-id/exec');
    expect(report).toMatch(/Last lookup: \d{4}-\d\d-\d\d \d\d:\d\d UTC\./);
    expect(report).toMatch(/Version: \d+\.\d+\.\d+\+\w+\./);
  });
});

describe('Rotate access key…', () => {
  test('after confirmation the old key stops at once and the new URL is shown', () => {
    const runtime = setUpRuntime();
    const old = runtime.accessKey();
    expect(lookup(runtime, 'jane@example.com')).toContain('Jane Roe');
    runtime.ui.replies.push({ button: 'YES' });
    runtime.call('menuRotateKey');
    const fresh = runtime.accessKey();
    expect(fresh).not.toBe(old);
    expect(runtime.get(query({ key: old, email: 'jane@example.com' })).text).toBe(
      'Access denied: this contact lookup URL needs a valid key.',
    );
    expect(lookup(runtime, 'jane@example.com')).toContain('Jane Roe');
    expect(lastMessage(runtime)).toContain(`?key=${fresh}`);
  });

  test('saying no changes nothing', () => {
    const runtime = setUpRuntime();
    const old = runtime.accessKey();
    runtime.ui.replies.push({ button: 'NO' });
    runtime.call('menuRotateKey');
    expect(runtime.accessKey()).toBe(old);
  });
});

test('Clear cache: the next lookup reads the sheet again', () => {
  const runtime = setUpRuntime();
  lookup(runtime, 'jane@example.com');
  runtime.meter.reset();
  lookup(runtime, 'jane@example.com');
  expect(runtime.meter.counts.sheetCalls).toBe(0);
  runtime.call('menuClearCache');
  runtime.meter.reset();
  lookup(runtime, 'jane@example.com');
  expect(runtime.meter.counts.sheetCalls).toBeGreaterThan(0);
});

test('a failing menu action says what to do next', () => {
  const runtime = setUpRuntime();
  runtime.meter.fault = (service) =>
    service === 'properties' ? new Error('Service invoked too many times in one day: properties') : undefined;
  runtime.call('menuTestLookup');
  expect(runtime.ui.shown[0].title).toBe('Something went wrong');
  expect(runtime.ui.shown[0].message).toContain('Try again');
});

describe('Lookup log', () => {
  function withLog(retention = '30') {
    const runtime = setUpRuntime();
    setSetting(runtime, 'Lookup log', 'on');
    setSetting(runtime, 'Log retention days', retention);
    return runtime;
  }

  test('off by default: no tab, nothing stored', () => {
    const runtime = setUpRuntime();
    lookup(runtime, 'jane@example.com');
    expect(runtime.spreadsheet.sheets.map((s) => s.getName())).not.toContain('Lookup log');
  });

  test('on: one row per lookup with time, case, email, IP, page and matches; formulas stay text', () => {
    const runtime = withLog();
    lookup(runtime, 'Jane@Example.com', { caseId: 'case-1', ip: '10.0.0.1', url: 'https://shop.example.com/chat' });
    lookup(runtime, 'nobody@example.com', { caseId: '=HYPERLINK("evil")' });
    lookup(runtime, 'jane@example.com', { caseId: 'case-3' });
    const rows = runtime.spreadsheet.sheet('Lookup log').rows;
    expect(rows[0]).toEqual(['Time', 'Case ID', 'Email', 'Visitor IP', 'Page URL', 'Matches']);
    expect(rows.slice(1).map((r) => r.slice(1))).toEqual([
      ['case-1', 'jane@example.com', '10.0.0.1', 'https://shop.example.com/chat', 1],
      ['=HYPERLINK("evil")', 'nobody@example.com', '', '', 0],
      ['case-3', 'jane@example.com', '', '', 1],
    ]);
    expect(Object.prototype.toString.call(rows[1][0])).toBe('[object Date]');
    // Stored as text, never as a formula.
    expect(runtime.spreadsheet.sheet('Lookup log').formulas()).toEqual([]);
  });

  test('keeps every row over 200 lookups', () => {
    const runtime = withLog();
    for (let i = 0; i < 200; i++)
      lookup(runtime, i % 2 ? 'jane@example.com' : `n${i}@example.com`, { caseId: `c${i}` });
    const cases = runtime.spreadsheet
      .sheet('Lookup log')
      .rows.slice(1)
      .map((r) => r[1]);
    expect(cases).toEqual(Array.from({ length: 200 }, (_, i) => `c${i}`));
  });

  test('a busy lock skips the row but never fails the lookup', () => {
    const runtime = withLog();
    runtime.lock.holdElsewhere();
    expect(lookup(runtime, 'jane@example.com')).toContain('Jane Roe');
    expect(runtime.logs.some((l) => l.level === 'error' && l.message.includes('Lookup log'))).toBe(true);
  });

  test('retention removes rows older than the setting', () => {
    let now = Date.UTC(2026, 0, 1);
    const runtime = setUpRuntime(undefined, { now: () => now });
    setSetting(runtime, 'Lookup log', 'on');
    setSetting(runtime, 'Log retention days', '1');
    for (let i = 0; i < 250; i++) {
      now += 10 * 60 * 1000;
      lookup(runtime, 'jane@example.com', { caseId: `c${i}` });
    }
    const rows = runtime.spreadsheet.sheet('Lookup log').rows.slice(1);
    const oldest = (rows[0][0] as Date).getTime();
    expect(now - oldest).toBeLessThanOrEqual(2 * 86_400_000);
    expect(rows.length).toBeLessThan(250);
  });
});
