/**
 * Service faults, hostile sheet content and a poisoned cache: a short clear text, a log line for the
 * admin, and never another contact's data.
 */
import { createHash } from 'node:crypto';
import { ServiceName } from '../../local/gas/meter';
import { contactsSheet, lookup, PEOPLE, setUpRuntime } from '../support';

const UNAVAILABLE = 'Contact lookup is unavailable right now. Please try again in a minute.';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function failing(service: ServiceName, message: string, method?: string) {
  return (s: ServiceName, m: string) => (s === service && (!method || m === method) ? new Error(message) : undefined);
}

describe('Google service faults', () => {
  test.each([
    ['openById', 'Service Spreadsheets timed out while accessing document with id local-spreadsheet-id.'],
    ['findAll', 'Exceeded maximum execution time'],
    ['getDisplayValues', 'Service Spreadsheets failed while accessing document with id local-spreadsheet-id.'],
  ])('Spreadsheet %s fails: short text, precise log, no data', (method, message) => {
    const runtime = setUpRuntime();
    lookup(runtime, 'a.b@example.com');
    runtime.cache.clear();
    runtime.meter.fault = failing('spreadsheet', message, method);
    expect(lookup(runtime, 'jane@example.com')).toBe(UNAVAILABLE);
    expect(runtime.logs.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
      `Lookup failed: ${message}`,
    ]);
    runtime.meter.fault = undefined;
    expect(lookup(runtime, 'jane@example.com')).toContain('Name: Jane Roe');
  });

  test('CacheService throwing on every call only costs speed', () => {
    const runtime = setUpRuntime();
    runtime.meter.fault = failing('cache', 'Service invoked too many times: cache');
    expect(lookup(runtime, 'jane@example.com')).toContain('Name: Jane Roe');
    expect(lookup(runtime, 'nobody@example.com')).toBe('No contact found for nobody@example.com');
  });

  test('PropertiesService quota error on a cold lookup: short text, logged', () => {
    const runtime = setUpRuntime();
    runtime.meter.fault = failing('properties', 'Service invoked too many times for one day: properties get.');
    expect(lookup(runtime, 'jane@example.com')).toBe(UNAVAILABLE);
    expect(runtime.logs.some((l) => l.level === 'error' && l.message.includes('properties get'))).toBe(true);
  });

  test('PropertiesService failing once the configuration is cached does not matter', () => {
    const runtime = setUpRuntime();
    lookup(runtime, 'a.b@example.com');
    runtime.meter.fault = failing('properties', 'Service invoked too many times for one day: properties get.');
    expect(lookup(runtime, 'jane@example.com')).toContain('Name: Jane Roe');
  });

  test('LockService unable to get the lock: the lookup still answers, nothing stale is kept', () => {
    const runtime = setUpRuntime();
    runtime.lock.busy = true;
    expect(lookup(runtime, 'jane@example.com')).toContain('Name: Jane Roe');
    expect(runtime.scriptProperties.values.has('CONFIG')).toBe(false);
    runtime.meter.fault = failing('lock', 'Lock service failure');
    expect(lookup(runtime, 'jane@example.com')).toContain('Name: Jane Roe');
  });
});

describe('a corrupted or foreign cache entry never yields another contact', () => {
  function warmed() {
    const runtime = setUpRuntime();
    lookup(runtime, 'jane@example.com');
    lookup(runtime, 'a.b@example.com');
    const keys = runtime.cache.keys();
    const answerKey = (email: string) => keys.find((k) => k.endsWith(`:answer:${sha256(email)}`))!;
    return { runtime, keys, answerKey };
  }

  test("another email's answer planted under this email's key is ignored", () => {
    const { runtime, answerKey } = warmed();
    runtime.cache.plant(
      answerKey('a.b@example.com'),
      runtime.cache.getAll([answerKey('jane@example.com')])[answerKey('jane@example.com')],
    );
    expect(lookup(runtime, 'a.b@example.com')).toBe('Name: Ann B\nEmail: a.b@example.com\nCompany: Bee\nPlan: Free');
  });

  test.each(['garbage', '', '{"g":1}', 'null', '{"g":"x","e":"a.b@example.com","t":"Name: Evil","n":1}'])(
    'answer entry %j is not trusted',
    (value) => {
      const { runtime, answerKey } = warmed();
      runtime.cache.plant(answerKey('a.b@example.com'), value);
      expect(lookup(runtime, 'a.b@example.com')).toContain('Name: Ann B');
    },
  );

  test('a corrupt configuration entry, or one from another build, is not used', () => {
    const { runtime, keys } = warmed();
    const configKey = keys.find((k) => k.endsWith(':config'))!;
    runtime.cache.plant(configKey, '{not json');
    expect(lookup(runtime, 'jane@example.com')).toContain('Name: Jane Roe');
    const foreign = JSON.parse(runtime.scriptProperties.values.get('CONFIG')!);
    foreign.build = 'another-build';
    foreign.keyDigest = sha256('attacker');
    runtime.cache.plant(configKey, JSON.stringify(foreign));
    expect(runtime.get('key=attacker&email=jane%40example.com').text).toBe(
      'Access denied: this contact lookup URL needs a valid key.',
    );
    expect(lookup(runtime, 'jane@example.com')).toContain('Name: Jane Roe');
  });
});

describe('hostile sheet content is shown as inert, capped text', () => {
  test('formulas, HTML, script tags, huge cells, carriage returns, zero-width and bidi characters', () => {
    const rows = [
      [
        '<script>alert(1)</script>',
        'h@x.co',
        '=IMPORTXML("http://evil","//a")',
        `<b>bold</b>\r\nline\rnext\u200b\u202e\ufeff${'y'.repeat(50_000)}`,
      ],
    ];
    const runtime = setUpRuntime([contactsSheet(rows, ['Name', 'Email', 'Formula', 'Notes'])]);
    const text = lookup(runtime, 'h@x.co');
    expect(text.length).toBe(2000);
    expect(
      text.startsWith(
        'Name: <script>alert(1)</script>\nEmail: h@x.co\nFormula: =IMPORTXML("http://evil","//a")\nNotes: <b>bold</b>\n  line\n  next' +
          'y',
      ),
    ).toBe(true);
    expect(text).not.toMatch(/[\r\u200b\u202e\ufeff]/);
    expect(text.endsWith('\n… (shortened)')).toBe(true);
  });
});

describe('abuse', () => {
  test('wrong keys of every shape cost the same work: one digest, the same service calls', () => {
    const runtime = setUpRuntime([contactsSheet(PEOPLE)]);
    lookup(runtime, 'jane@example.com');
    const key = runtime.accessKey();
    const counts = ['', 'x', key.slice(0, -1), `${key.slice(0, -1)}0`, 'k'.repeat(10_000)].map((wrong) => {
      runtime.meter.reset();
      expect(runtime.get(`key=${wrong}&email=jane%40example.com`).text).toBe(
        'Access denied: this contact lookup URL needs a valid key.',
      );
      return JSON.stringify(runtime.meter.counts);
    });
    expect(new Set(counts).size).toBe(1);
  });
});
