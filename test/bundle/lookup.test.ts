/**
 * The numbered behaviours of the core issue, on the built bundle in the Apps Script-only sandbox.
 */
import { AppsScriptRuntime } from '../../local/gas/runtime';
import { contactsSheet, HEADERS, lookup, PEOPLE, query, setUpRuntime, setSetting } from '../support/runtime';

const SEED_QUERY =
  'email=test%40test.com&ip=127.0.0.1&url=http%3A%2F%2Fwww.test.com%2Fchat&caseId=b88d3c4d-c402-4673-8e5b-68778eac45cb';
const REFUSED = 'Access denied: this contact lookup URL needs a valid key.';
const NOT_CONFIGURED =
  'Contact lookup is not configured correctly. Ask your admin to run Contact lookup > Check setup in the contacts spreadsheet.';

function errors(runtime: AppsScriptRuntime): string[] {
  return runtime.logs.filter((l) => l.level === 'error').map((l) => l.message);
}

describe('answers SnapEngage in plain text', () => {
  test('the seed article request, GET', () => {
    const runtime = setUpRuntime();
    const answer = runtime.get(`key=${runtime.accessKey()}&${SEED_QUERY}`);
    expect(answer).toEqual({
      mimeType: 'text/plain',
      text: 'Name: Test\nEmail: test@test.com\nCompany: Test Co\nPlan: Trial\nPhone: 555-0100',
    });
  });

  test('SnapEngage appending "?email=…" to a URL that already has "?key=…"', () => {
    const runtime = setUpRuntime();
    expect(runtime.get(`key=${runtime.accessKey()}?${SEED_QUERY}`).text).toContain('Email: test@test.com');
  });

  test('POST, form-encoded and JSON', () => {
    const runtime = setUpRuntime();
    const key = runtime.accessKey();
    expect(runtime.post('', `key=${key}&${SEED_QUERY}`, 'application/x-www-form-urlencoded').text).toContain(
      'Name: Test',
    );
    expect(
      runtime.post(`key=${key}`, JSON.stringify({ email: 'test@test.com', caseId: 'x' }), 'application/json').text,
    ).toContain('Name: Test');
    expect(
      runtime.post('', JSON.stringify({ key, email: 'TEST@test.com' }), 'application/json; charset=utf-8').text,
    ).toContain('Name: Test');
  });
});

describe('matching', () => {
  test('exact after trimming and lower-casing, never partial', () => {
    const runtime = setUpRuntime();
    expect(lookup(runtime, 'a.b@example.com')).toBe('Name: Ann B\nEmail: a.b@example.com\nCompany: Bee\nPlan: Free');
    expect(lookup(runtime, 'b@example.com')).toBe('No contact found for b@example.com');
    expect(lookup(runtime, '  JANE@EXAMPLE.COM ')).toContain('Name: Jane Roe');
  });

  test('%, *, ?, (, + are literal characters, and a padded, upper-case cell still matches', () => {
    const rows = [
      ['Percent', 'a%b@x.co'],
      ['Star', 'a*b@x.co'],
      ['Query', 'a?b@x.co'],
      ['Paren', 'a(b@x.co'],
      ['Plus', 'a+b@x.co'],
      ['Dot', '  A.B@X.CO  '],
      ['Lookalike', 'aab@x.co'],
    ];
    const runtime = setUpRuntime([contactsSheet(rows, ['Name', 'Email'])]);
    for (const [name, email] of rows.slice(0, 5)) expect(lookup(runtime, email)).toBe(`Name: ${name}\nEmail: ${email}`);
    expect(lookup(runtime, 'a.b@x.co')).toBe('Name: Dot\nEmail: A.B@X.CO');
    expect(lookup(runtime, 'a.*@x.co')).toBe('No contact found for a.*@x.co');
    expect(lookup(runtime, 'a?b@x.co')).not.toContain('Lookalike');
  });

  test('an unencoded "+" in the query still finds the contact', () => {
    const runtime = setUpRuntime([contactsSheet([['Plus', 'jane+chat@example.com']], ['Name', 'Email'])]);
    expect(runtime.get(`key=${runtime.accessKey()}&email=jane+chat@example.com`).text).toBe(
      'Name: Plus\nEmail: jane+chat@example.com',
    );
    expect(runtime.get(`key=${runtime.accessKey()}?email=jane+chat%40example.com`).text).toBe(
      'Name: Plus\nEmail: jane+chat@example.com',
    );
  });

  test('the email column is found by its header; Contacts tab first, else the first tab', () => {
    for (const header of ['E-mail', 'Email address', 'e-mail ADDRESS']) {
      const runtime = setUpRuntime([
        {
          name: 'People',
          rows: [
            ['Name', header],
            ['Zed', 'z@x.co'],
          ],
        },
      ]);
      expect(lookup(runtime, 'z@x.co')).toBe(`Name: Zed\n${header}: z@x.co`);
    }
    const both = setUpRuntime([
      {
        name: 'Other',
        rows: [
          ['Email', 'Name'],
          ['z@x.co', 'Wrong tab'],
        ],
      },
      contactsSheet([['Right tab', 'z@x.co']], ['Name', 'Email']),
    ]);
    expect(lookup(both, 'z@x.co')).toContain('Right tab');
  });

  test('extra email columns are searched when configured', () => {
    const runtime = setUpRuntime();
    expect(lookup(runtime, 'jane.alt@example.org')).toBe('No contact found for jane.alt@example.org');
    setSetting(runtime, 'Extra email columns', 'Secondary email');
    expect(lookup(runtime, 'jane.alt@example.org')).toContain('Name: Jane Roe');
  });
});

describe('what the agent sees', () => {
  test('display values: dates, currency, percentages and leading zeros as formatted', () => {
    const sheet = contactsSheet(
      [['Jane', 'jane@x.co', new Date(Date.UTC(2024, 2, 15)), 1234.5, 0.25, '00123']],
      ['Name', 'Email', 'Signup', 'Value', 'Discount', 'Zip'],
    );
    sheet.formats = new Map([
      ['2,3', 'yyyy-mm-dd'],
      ['2,4', '"$"#,##0.00'],
      ['2,5', '0%'],
    ]);
    const runtime = setUpRuntime([sheet]);
    expect(lookup(runtime, 'jane@x.co')).toBe(
      'Name: Jane\nEmail: jane@x.co\nSignup: 2024-03-15\nValue: $1,234.50\nDiscount: 25%\nZip: 00123',
    );
  });

  test('hidden columns and "_" columns are never shown; empty cells are skipped', () => {
    const runtime = setUpRuntime([contactsSheet(PEOPLE, HEADERS, { hiddenColumns: [4] })]);
    const text = lookup(runtime, 'jane@example.com');
    expect(text).not.toContain('owes us');
    expect(text).not.toContain('Plan');
    expect(lookup(runtime, 'a.b@example.com')).toBe('Name: Ann B\nEmail: a.b@example.com\nCompany: Bee');
  });

  test('several matching rows are each headed, up to Max matches', () => {
    const rows = Array.from({ length: 7 }, (_, i) => [`Dup ${i + 1}`, i % 2 ? 'DUP@x.co' : 'dup@x.co']);
    const runtime = setUpRuntime([contactsSheet(rows, ['Name', 'Email'])]);
    const text = lookup(runtime, 'dup@x.co');
    expect(text.split('\n\n')).toHaveLength(6);
    expect(text).toMatch(/^Match 1 of 7\nName: Dup 1\n/);
    expect(text).toContain('Match 5 of 7\nName: Dup 5');
    expect(text).not.toContain('Dup 6');
    expect(text.endsWith('2 more matches not shown.')).toBe(true);
  });

  test('a template replaces the default layout', () => {
    const runtime = setUpRuntime();
    setSetting(runtime, 'Answer template', '{{Name}} at {{Company}} ({{Plan}})\\nPhone {{Phone}}');
    expect(lookup(runtime, 'jane@example.com')).toBe('Jane Roe at Acme (Pro)\nPhone 00123');
  });

  test('output is capped and free of control characters other than newline and tab', () => {
    const runtime = setUpRuntime([
      contactsSheet(
        [['Evil\u0000\u001b[31m\r\nName', 'e@x.co', '=HYPERLINK("http://x")', 'x'.repeat(50_000)]],
        ['Name', 'Email', 'Formula', 'Notes'],
      ),
    ]);
    const text = lookup(runtime, 'e@x.co');
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
    expect(text).toMatch(
      /^Name: Evil\[31m\n {2}Name\nEmail: e@x.co\nFormula: =HYPERLINK\("http:\/\/x"\)\nNotes: x+\n… \(shortened\)$/,
    );
  });
});

describe('no match', () => {
  test('default, configured and empty text', () => {
    const runtime = setUpRuntime();
    expect(lookup(runtime, 'jane@nowhere.com')).toBe('No contact found for jane@nowhere.com');
    setSetting(runtime, 'No match text', 'New visitor: {{email}}');
    expect(lookup(runtime, 'jane@nowhere.com')).toBe('New visitor: jane@nowhere.com');
    setSetting(runtime, 'No match text', '(empty)');
    expect(lookup(runtime, 'jane@nowhere.com')).toBe('');
  });
});

describe('access key', () => {
  test('setup generates a 64-hex key (244 random bits) in Script Properties', () => {
    expect(setUpRuntime().accessKey()).toMatch(/^[0-9a-f]{64}$/);
    expect(setUpRuntime().accessKey()).not.toBe(setUpRuntime().accessKey());
  });

  test('missing or wrong key: one fixed refusal whatever is asked', () => {
    const runtime = setUpRuntime();
    const key = runtime.accessKey();
    const answers = new Set([
      runtime.get(SEED_QUERY).text,
      runtime.get(`key=&${SEED_QUERY}`).text,
      runtime.get(`key=${key.slice(0, -1)}&${SEED_QUERY}`).text,
      runtime.get(`key=${key.toUpperCase()}&${SEED_QUERY}`).text,
      runtime.get(`key=${key}x&email=nobody%40x.co`).text,
      runtime.get(`key=wrong&email=not-an-email`).text,
      runtime.get('key=wrong').text,
      runtime.post('', JSON.stringify({ key: 'wrong', email: 'test@test.com' }), 'application/json').text,
    ]);
    expect([...answers]).toEqual([REFUSED]);
  });

  test('no key yet: no contact data, a text saying setup is needed', () => {
    const runtime = new AppsScriptRuntime({ sheets: [contactsSheet(PEOPLE)] });
    const setupNeeded =
      'Contact lookup is not set up yet. Ask your admin to open the contacts spreadsheet and run Contact lookup > Set up.';
    expect(runtime.get(`key=&${SEED_QUERY}`).text).toBe(setupNeeded);
    expect(runtime.get(`key=anything&email=jane%40example.com`).text).toBe(setupNeeded);
  });

  test('the key is not accepted as a path after /exec', () => {
    const runtime = setUpRuntime();
    const answer = runtime.serve('GET', {
      queryString: SEED_QUERY,
      parameter: { email: 'test@test.com' },
      parameters: { email: ['test@test.com'] },
      pathInfo: runtime.accessKey(),
      contextPath: '',
      contentLength: -1,
    });
    expect(answer.text).toBe(REFUSED);
  });
});

describe('bad input gets a clear plain-text answer and changes nothing', () => {
  test.each([
    ['', 'Missing email'],
    ['email=', 'Missing email'],
    ['email=jane', 'not an email address'],
    [`email=${'a'.repeat(250)}%40b.co`, 'longer than 254'],
    ['email=jane%00%40example.com', 'control characters'],
    ['email=jane%40example.com&email=john%40example.com', 'The email parameter was sent more than once; send it once.'],
    ['email=jane%40example.com&caseId=1&caseId=2', 'The caseId parameter was sent more than once; send it once.'],
  ])('GET %s', (q, message) => {
    const runtime = setUpRuntime();
    lookup(runtime, 'jane@example.com');
    const state = () =>
      JSON.stringify([
        [...runtime.scriptProperties.values],
        runtime.spreadsheet.sheets.map((s) => [s.getName(), s.rows]),
      ]);
    const before = state();
    const answer = runtime.get(`key=${runtime.accessKey()}${q ? `&${q}` : ''}`);
    expect(answer.mimeType).toBe('text/plain');
    expect(answer.text).toContain(message);
    expect(answer.text).not.toMatch(/Jane|at \w+ \(|Error:|\.ts:|\.js:/);
    expect(state()).toBe(before);
  });

  test('a key sent twice: the same value counts once, two different values get the fixed refusal', () => {
    const runtime = setUpRuntime();
    const key = runtime.accessKey();
    expect(runtime.get(`key=${key}&key=${key}&email=jane%40example.com`).text).toContain('Name: Jane Roe');
    expect(runtime.get(`key=${key}&key=x${key}&email=jane%40example.com`).text).toBe(REFUSED);
  });

  test.each([
    ['{"email": ', 'application/json', 'The request body is not valid JSON.'],
    ['["jane@example.com"]', 'application/json', 'The JSON body must be an object'],
    ['{"email": ["jane@example.com"]}', 'application/json', 'The email field must be text.'],
    ['<email>jane@example.com</email>', 'application/xml', 'Unsupported request body'],
    [`{"email": "${'x'.repeat(20_000)}"}`, 'application/json', 'The request body is larger than 16 KB.'],
  ])('POST body %#', (body, type, message) => {
    const runtime = setUpRuntime();
    expect(runtime.post(`key=${runtime.accessKey()}`, body, type).text).toContain(message);
  });
});

describe('misconfiguration', () => {
  test.each([
    [
      'no email column',
      [
        {
          name: 'Contacts',
          rows: [
            ['Name', 'Phone'],
            ['Jane', '1'],
          ],
        },
      ],
      'No email column in the "Contacts" tab',
    ],
    [
      'empty header row',
      [
        {
          name: 'Contacts',
          rows: [
            ['', ''],
            ['Jane', 'jane@example.com'],
          ],
        },
      ],
      'Row 1 of the "Contacts" tab is empty',
    ],
  ])('%s: logged precisely, short text for the agent', (_name, sheets, logged) => {
    const runtime = setUpRuntime(sheets);
    expect(lookup(runtime, 'jane@example.com')).toBe(NOT_CONFIGURED);
    expect(errors(runtime).join('\n')).toContain(logged);
  });

  test('a configured tab that is missing', () => {
    const runtime = setUpRuntime();
    setSetting(runtime, 'Contacts tab', 'Customers');
    expect(lookup(runtime, 'jane@example.com')).toBe(NOT_CONFIGURED);
    expect(errors(runtime).join('\n')).toContain('The contacts tab "Customers" named in Settings does not exist');
  });

  test('an invalid setting falls back to its default and lookups go on', () => {
    const runtime = setUpRuntime();
    setSetting(runtime, 'Max matches', 'many');
    expect(lookup(runtime, 'jane@example.com')).toContain('Name: Jane Roe');
  });
});

test('the sheet opened by ID is the one Set up remembered', () => {
  const runtime = setUpRuntime();
  expect(runtime.scriptProperties.values.get('SPREADSHEET_ID')).toBe(runtime.spreadsheet.getId());
});

test('query helper matches the seed encoding', () => {
  expect(query({ email: 'test@test.com', url: 'http://www.test.com/chat' })).toBe(
    'email=test%40test.com&url=http%3A%2F%2Fwww.test.com%2Fchat',
  );
});
