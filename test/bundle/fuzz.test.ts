/**
 * Property-based tests on the built bundle: 10,000+ generated requests per run, hostile and random.
 * Whatever arrives, the answer is plain text within the cap, never a trace, and a contact's row
 * only with the right key and only for that contact's own email.
 */
import fc from 'fast-check';
import { eventFromPairs, postEvent } from '../../local/gas/events';
import { AppsScriptRuntime } from '../../local/gas/runtime';
import { contactsSheet, setUpRuntime, setSetting } from '../support';

// Each contact's Name cell holds a token no message or other cell contains.
const CONTACTS = [
  ['TOKEN-ANN', 'ann@example.com', 'secondary@example.org'],
  ['TOKEN-PCT', 'a%b*c?d(e+f@example.com', ''],
  ['TOKEN-DOT', 'a.b@example.com', ''],
  ['TOKEN-AXB', 'axb@example.com', ''],
  ['TOKEN-UNI', 'δοκιμή@παράδειγμα.δοκιμή', ''],
  ['TOKEN-PAD', '  Padded@Example.COM ', ''],
  ['TOKEN-DUP1', 'dup@example.com', ''],
  ['TOKEN-DUP2', 'DUP@example.com', ''],
];
const EMAILS = CONTACTS.flatMap((c) => [c[1], c[2]]).filter(Boolean);
const CAP = 2000;
const TRACE =
  /(\bat \S+ \(|\.(js|ts):\d|TypeError|ReferenceError|SyntaxError|RangeError|Exception|undefined|\[object |Service invoked|stack)/;
const FIELD_NAMES = [
  'email',
  'key',
  'ip',
  'url',
  'caseId',
  'status',
  'Email',
  'KEY',
  '__proto__',
  'constructor',
  'toString',
  'e-mail',
  '',
];

function runtimeUnderTest(): { runtime: AppsScriptRuntime; key: string } {
  const runtime = setUpRuntime([contactsSheet(CONTACTS, ['Name', 'Email', 'Secondary email'])]);
  setSetting(runtime, 'Extra email columns', 'Secondary email');
  return { runtime, key: runtime.accessKey() };
}

function checkInvariants(text: string, mimeType: string, sentKeys: string[], sentEmails: string[], key: string): void {
  expect(mimeType).toBe('text/plain');
  expect(text.length).toBeLessThanOrEqual(CAP);
  expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
  expect(text).not.toMatch(TRACE);
  for (const [name, email, secondary] of CONTACTS) {
    if (!text.includes(name)) continue;
    // A row only with the one right key, sent once, and only for an email equal to one of its own.
    expect(sentKeys.map((k) => k.trim())).toEqual([key]);
    const own = [email, secondary].filter(Boolean).map((e) => e.trim().toLowerCase());
    expect(sentEmails.some((e) => own.includes(e.trim().toLowerCase()))).toBe(true);
  }
}

const anyText = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '\u0000',
      '\u202e',
      '\u200b',
      '\r\n',
      '%00',
      '%',
      '=1+1',
      '<script>',
      'é',
      '\ud800',
      '?',
      '&',
      '\\',
    ),
  },
  { weight: 1, arbitrary: fc.nat({ max: 1_000_000 }).map((n) => 'x'.repeat(n)) },
);

function keyVariant(key: string) {
  return fc.oneof(
    fc.constant(key),
    fc.constant(`${key} `),
    fc.constant(key.slice(0, -1)),
    fc.constant(key.toUpperCase()),
    fc.constant(''),
    fc.constantFrom(...EMAILS).map((email) => `${key}?email=${email}`),
    anyText.map((t) => `${key}?${t}`),
    anyText,
  );
}

function emailVariant() {
  return fc.oneof(
    fc.constantFrom(...EMAILS),
    fc.constantFrom(...EMAILS).map((e) => ` ${e.toUpperCase()} `),
    fc.constantFrom(
      'a.b@example.com',
      'axb@example.com',
      'a?b@example.com',
      'a_b@example.com',
      'secondary@example.org',
      '%@example.com',
      '*@example.com',
      'nobody@example.com',
    ),
    anyText,
  );
}

describe('fuzzing the web app', () => {
  const { runtime, key } = runtimeUnderTest();

  test('GET with random, hostile and repeated parameters (6,000 requests)', () => {
    const pair = fc.oneof(
      fc.tuple(fc.constant('key'), keyVariant(key)),
      fc.tuple(fc.constant('email'), emailVariant()),
      fc.tuple(fc.constantFrom(...FIELD_NAMES), anyText),
    );
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 6 }), (pairs) => {
        runtime.logs.length = 0;
        const answer = runtime.serve('GET', eventFromPairs(pairs as [string, string][]));
        const keys = pairs.filter(([n]) => n === 'key').map(([, v]) => v.split('?')[0]);
        const emails = pairs.filter(([n]) => n === 'email').map(([, v]) => v);
        for (const [n, v] of pairs)
          if (n === 'key' && v.includes('?email=')) emails.push(v.slice(v.indexOf('?email=') + 7));
        checkInvariants(answer.text, answer.mimeType, keys, emails, key);
        expect(runtime.logs.filter((l) => l.level === 'error')).toEqual([]);
      }),
      { numRuns: 6000 },
    );
  });

  test('POST with random bodies and content types (4,000 requests)', () => {
    const body = fc.oneof(
      fc.record({ email: emailVariant(), key: keyVariant(key) }).map((o) => JSON.stringify(o)),
      fc
        .dictionary(
          fc.constantFrom(...FIELD_NAMES),
          fc.oneof(anyText, fc.integer(), fc.constant(null), fc.array(fc.string())),
        )
        .map((o) => JSON.stringify(o)),
      fc
        .tuple(emailVariant(), keyVariant(key))
        .map(
          ([e, k]) =>
            `email=${encodeURIComponent(e.replace(/[\ud800-\udfff]/g, ''))}&key=${encodeURIComponent(k.replace(/[\ud800-\udfff]/g, ''))}`,
        ),
      anyText,
    );
    const type = fc.constantFrom(
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      '',
      'application/xml',
      'APPLICATION/JSON; charset=utf-8',
    );
    fc.assert(
      fc.property(body, type, fc.constantFrom('', `key=${key}`, 'key=wrong'), (contents, contentType, query) => {
        const answer = runtime.serve('POST', postEvent(query, contents, contentType));
        const keys: string[] = [];
        const emails: string[] = [];
        const event = postEvent(query, contents, contentType);
        keys.push(...(event.parameters.key ?? []).map((k) => k.split('?')[0]));
        emails.push(...(event.parameters.email ?? []));
        try {
          const json = JSON.parse(contents);
          if (json && typeof json.key === 'string') keys.push(json.key.split('?')[0]);
          if (json && typeof json.email === 'string') emails.push(json.email);
          if (json && typeof json.key === 'string' && json.key.includes('?email='))
            emails.push(json.key.slice(json.key.indexOf('?email=') + 7));
        } catch {
          // not JSON: nothing more was sent
        }
        for (const k of event.parameters.key ?? [])
          if (k.includes('?email=')) emails.push(k.slice(k.indexOf('?email=') + 7));
        checkInvariants(answer.text, answer.mimeType, keys, emails, key);
      }),
      { numRuns: 4000 },
    );
  });

  test('the right key and a contact email always find that contact, whatever the case and spacing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CONTACTS),
        fc.boolean(),
        fc.constantFrom('', ' ', '\u00a0'),
        (contact, upper, pad) => {
          const email = upper ? contact[1].toUpperCase() : contact[1];
          const answer = runtime.serve(
            'GET',
            eventFromPairs([
              ['key', key],
              ['email', `${pad}${email}${pad}`],
            ]),
          );
          expect(answer.text).toContain(contact[0]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
