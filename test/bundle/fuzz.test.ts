/**
 * Property-based tests on the built bundle: about 9,000 generated requests per run, seeded so every
 * run sends the same ones. A third of them ask for a real contact or a near miss of one (another
 * case, padding, one character off, a substring, a superstring) and must get exactly the right rows;
 * the rest are random and hostile. Whatever arrives, the answer is plain text within the cap, never a
 * trace, and a contact's row only with the right key and only for one of that contact's own emails.
 */
import fc from 'fast-check';
import { eventFromPairs, postEvent } from '../../local/gas/events';
import { AppsScriptRuntime } from '../../local/gas/runtime';
import { contactsSheet, setSetting, setUpRuntime } from '../support/runtime';

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
  ['TOKEN-SUB', 'an@gmail.com', ''],
  ['TOKEN-SUPER', 'ryan@gmail.com', ''],
  ['TOKEN-REGEX', 'a.b+c$d^e|f[g]{2}@x.co', ''],
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
const SEED = 20261130;

/** As the app cleans an email (request/cleaning.ts): invisible characters out, trimmed, lower-cased. */
const normalize = (email: string) =>
  email
    .replace(/[\p{Cf}\u{e0000}-\u{e007f}]|\p{Cs}/gu, '')
    .trim()
    .toLowerCase();

/** One second per request: the cache's copy of the generations and the configuration expire along the way. */
function runtimeUnderTest(): { runtime: AppsScriptRuntime; key: string } {
  let now = Date.UTC(2026, 10, 30);
  const runtime = setUpRuntime([contactsSheet(CONTACTS, ['Name', 'Email', 'Secondary email'])], {
    now: () => (now += 1000),
  });
  setSetting(runtime, 'Extra email columns', 'Secondary email');
  setSetting(runtime, 'Max matches', '50');
  return { runtime, key: runtime.accessKey() };
}

function checkInvariants(text: string, mimeType: string, sentKeys: string[], sentEmails: string[], key: string): void {
  expect(mimeType).toBe('text/plain');
  expect(text.length).toBeLessThanOrEqual(CAP);
  expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
  expect(text).not.toMatch(TRACE);
  for (const [name, email, secondary] of CONTACTS) {
    if (!text.includes(name)) continue;
    // A row only with the one right key (sent once, or repeated identically), and only for an email equal to one of its own.
    expect([...new Set(sentKeys)].map((k) => k.trim())).toEqual([key]);
    const own = [email, secondary].filter(Boolean).map(normalize);
    expect(sentEmails.some((e) => own.includes(normalize(e)))).toBe(true);
  }
}

/** The key values a request carries once SnapEngage's glued "?name=value" is split off. */
function keysAndEmails(keyValues: string[], emailValues: string[]): { keys: string[]; emails: string[] } {
  const keys: string[] = [];
  const emails = [...emailValues];
  for (const value of keyValues) {
    const cut = value.indexOf('?');
    keys.push(cut < 0 ? value : value.slice(0, cut));
    if (cut < 0) continue;
    const glued = value.slice(cut + 1);
    if (glued.startsWith('key=')) keys.push(glued.slice(4));
    if (glued.startsWith('email=')) emails.push(glued.slice(6));
  }
  return { keys, emails };
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
      '\u{e0041}',
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
    fc.constant(`${key}?key=wrong`),
    anyText.map((t) => `${key}?${t}`),
    anyText,
  );
}

/** A real contact's email, or a near miss of one. */
const nearMiss = fc.constantFrom(...EMAILS).chain((email) =>
  fc.oneof(
    fc.constant(email),
    fc.constant(email.toUpperCase()),
    fc.constantFrom(' ', '\t', '\u00a0', '  ').map((pad) => `${pad}${email}${pad}`),
    fc.nat({ max: email.length - 1 }).chain((at) =>
      fc.constantFrom('x', '.', '+', '_', 'A').map((c) => {
        const swapped = email.slice(0, at) + c + email.slice(at + 1);
        return swapped === email ? `${email.slice(0, at)}zz${email.slice(at + 1)}` : swapped;
      }),
    ),
    fc.nat({ max: email.length - 1 }).map((at) => email.slice(0, at) + email.slice(at + 1)),
    fc.nat({ max: email.indexOf('@') }).map((cut) => email.slice(cut + 1)),
    fc.constantFrom('x', 'my.', 'ry').map((prefix) => `${prefix}${email}`),
    fc.constantFrom('.au', 'x', '.com').map((suffix) => `${email}${suffix}`),
  ),
);

function emailVariant() {
  return fc.oneof(
    nearMiss,
    fc.constantFrom('a.b@example.com', 'a?b@example.com', '%@example.com', '*@example.com', 'nobody@example.com'),
    anyText,
  );
}

/** The tokens of the contacts whose email equals `asked`, trimmed and lower-cased. */
function expectedTokens(asked: string): string[] {
  return CONTACTS.filter(([, email, secondary]) =>
    [email, secondary].filter(Boolean).some((own) => normalize(own) === normalize(asked)),
  ).map(([token]) => token);
}

describe('fuzzing the web app', () => {
  const { runtime, key } = runtimeUnderTest();

  test('real contacts and near misses: exactly the right rows come back (3,000 requests)', () => {
    fc.assert(
      fc.property(nearMiss, fc.boolean(), (asked, post) => {
        const answer = post
          ? runtime.serve('POST', postEvent(`key=${key}`, JSON.stringify({ email: asked }), 'application/json'))
          : runtime.serve(
              'GET',
              eventFromPairs([
                ['key', key],
                ['email', asked],
              ]),
            );
        const shown = CONTACTS.map(([token]) => token).filter((token) =>
          new RegExp(`${token}(?![\\w-])`).test(answer.text),
        );
        // Control characters left once the email is cleaned (tabs and newlines inside included) are refused.
        const refused = /[\u0000-\u001f\u007f-\u009f]/.test(normalize(asked));
        if (refused) expect(answer.text).toContain('control characters');
        const expected = refused ? [] : expectedTokens(asked);
        if (!refused && expected.length === 0 && /^[^\s@]+@[^\s@.][^\s@]*\.[^\s@]+$/.test(normalize(asked))) {
          expect(answer.text).toBe(`No contact found for ${normalize(asked)}`);
        }
        expect(shown).toEqual(expected);
      }),
      { numRuns: 3000, seed: SEED },
    );
  });

  test('GET with random, hostile and repeated parameters (3,500 requests)', () => {
    const pair = fc.oneof(
      fc.tuple(fc.constant('key'), keyVariant(key)),
      fc.tuple(fc.constant('email'), emailVariant()),
      fc.tuple(fc.constantFrom(...FIELD_NAMES), anyText),
    );
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 6 }), (pairs) => {
        runtime.logs.length = 0;
        const answer = runtime.serve('GET', eventFromPairs(pairs as [string, string][]));
        const sent = keysAndEmails(
          pairs.filter(([n]) => n === 'key').map(([, v]) => v),
          pairs.filter(([n]) => n === 'email').map(([, v]) => v),
        );
        checkInvariants(answer.text, answer.mimeType, sent.keys, sent.emails, key);
        expect(runtime.logs.filter((l) => l.level === 'error')).toEqual([]);
      }),
      { numRuns: 3500, seed: SEED + 1 },
    );
  });

  test('POST with random bodies and content types (2,500 requests)', () => {
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
        const event = postEvent(query, contents, contentType);
        const answer = runtime.serve('POST', event);
        const keyValues = [...(event.parameters.key ?? [])];
        const emailValues = [...(event.parameters.email ?? [])];
        try {
          const json = JSON.parse(contents);
          if (json && typeof json.key === 'string') keyValues.push(json.key);
          if (json && typeof json.email === 'string') emailValues.push(json.email);
        } catch {
          // not JSON: nothing more was sent
        }
        const sent = keysAndEmails(keyValues, emailValues);
        checkInvariants(answer.text, answer.mimeType, sent.keys, sent.emails, key);
      }),
      { numRuns: 2500, seed: SEED + 2 },
    );
  });

  test('chats and lookups with hostile texts leave no control or bidi character in the Lookup log or the Chats tab (1,000 requests)', () => {
    for (const setting of ['Lookup log', 'Chat history', 'Chat transcripts']) setSetting(runtime, setting, 'on');
    const chat = fc.record({
      id: anyText,
      requested_by: emailVariant(),
      description: anyText,
      page_url: anyText,
      url: anyText,
      type: anyText,
      requester_details: fc.record({ name: anyText }),
      operator_variables: fc.array(fc.record({ name: anyText, value: anyText }), { maxLength: 3 }),
      transcripts: fc.array(fc.record({ id: anyText, alias: anyText, message: anyText }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(chat, (body) => {
        const answer = runtime.serve('POST', postEvent(`key=${key}`, JSON.stringify(body), 'application/json'));
        expect(answer.text).not.toMatch(TRACE);
      }),
      { numRuns: 500, seed: SEED + 3 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...EMAILS), anyText, anyText, anyText, (email, ip, url, caseId) => {
        const pairs: [string, string][] = [
          ['key', key],
          ['email', email],
          ['ip', ip],
          ['url', url],
          ['caseId', caseId],
        ];
        expect(runtime.serve('GET', eventFromPairs(pairs)).text).not.toMatch(TRACE);
      }),
      { numRuns: 500, seed: SEED + 4 },
    );
    const rows = (tab: string) => runtime.spreadsheet.sheet(tab).rows.slice(1);
    // Bidi controls and isolates, the other format characters but the two joiners, the tag block, lone surrogates.
    const invisible = /(?![\u200c\u200d])[\p{Cf}\u{e0000}-\u{e007f}]|\p{Cs}/u;
    const logged = rows('Lookup log');
    expect(logged.length).toBeGreaterThan(400);
    for (const cell of logged.flat().filter((c) => typeof c === 'string')) {
      expect(cell).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      expect(cell).not.toMatch(invisible);
    }
    const chats = rows('Chats');
    expect(chats.length).toBeGreaterThan(100);
    // Description, Agent notes and Transcript keep line breaks and tabs; every other text is one line.
    const multiLine = [9, 10, 12];
    for (const row of chats) {
      row.forEach((cell, column) => {
        if (typeof cell !== 'string') return;
        expect(cell).not.toMatch(
          multiLine.includes(column) ? /(?![\n\t])[\u0000-\u001f\u007f-\u009f]/ : /[\u0000-\u001f\u007f-\u009f]/,
        );
        expect(cell).not.toMatch(invisible);
      });
    }
  });
});
