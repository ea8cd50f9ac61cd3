import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  cleanCut,
  cleanEmail,
  cleanLine,
  cleanOrRefuse,
  cleanText,
  FIELD_RULES,
  hasControlChars,
} from '../../../src/core/request/cleaning';

const SEED = 20261201;
const runs = { numRuns: 2000, seed: SEED };

/** Characters chosen to bite: controls, bidi, zero-width, tags, lone surrogates, odd spaces, joiners, emoji. */
const HOSTILE = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u000b',
  '\u000c',
  '\u00a0',
  '\u00ad',
  '\u061c',
  '\u180e',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u202e',
  '\u2028',
  '\u2029',
  '\u2060',
  '\u2066',
  '\u3000',
  '\ufeff',
  '\u{e0001}',
  '\u{e0041}',
  '\u{e007f}',
  '\ud800',
  '\udfff',
  ' ',
  '  ',
  'a',
  'Z',
  'é',
  'ی',
  'क्ष',
  '👨',
  '👩‍👧',
  '@',
  '.',
];
const hostileText = fc.oneof(
  fc.array(fc.constantFrom(...HOSTILE), { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

// What no cleaned value holds, whatever came in.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const INVISIBLE_BUT_JOINERS = /(?![\u200c\u200d])[\p{Cf}\u{e0000}-\u{e007f}]|\p{Cs}/u;
const WORD = /[\p{L}\p{M}\p{N}\p{S}]/u;

/** Every joiner left sits between two letters, marks, digits or symbols. */
function joinersInsideWords(text: string): boolean {
  const chars = [...text];
  return chars.every(
    (c, i) => !/[\u200c\u200d]/.test(c) || (WORD.test(chars[i - 1] ?? '') && WORD.test(chars[i + 1] ?? '')),
  );
}

describe('the cleaning (property-based)', () => {
  test('idempotent: cleaning a cleaned value changes nothing', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(cleanLine(cleanLine(text))).toBe(cleanLine(text));
        expect(cleanText(cleanText(text))).toBe(cleanText(text));
        expect(cleanEmail(cleanEmail(text))).toBe(cleanEmail(text));
      }),
      runs,
    );
  });

  test('never leaves a forbidden character', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const line = cleanLine(text);
        expect(line).not.toMatch(CONTROL);
        expect(line).not.toMatch(INVISIBLE_BUT_JOINERS);
        expect(line).not.toMatch(/\s\s|^\s|\s$|[^\S ]/);
        expect(joinersInsideWords(line)).toBe(true);
        const multi = cleanText(text);
        expect(multi).not.toMatch(/(?![\n\t])[\u0000-\u001f\u007f-\u009f]/);
        expect(multi).not.toMatch(INVISIBLE_BUT_JOINERS);
        expect(multi).not.toMatch(/[\r\u2028\u2029\u0085\u000b\u000c]| {2}|^\s|\s$/);
        expect(joinersInsideWords(multi)).toBe(true);
        const email = cleanEmail(text);
        expect(email).not.toMatch(/[\p{Cf}\u{e0000}-\u{e007f}]|\p{Cs}/u);
        expect(email).toBe(email.trim());
        expect(email).toBe(email.toLowerCase());
      }),
      runs,
    );
  });

  test('a plain ASCII email is unchanged but for its case', () => {
    const atom = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,20}$/);
    const email = fc
      .tuple(fc.array(atom, { minLength: 1, maxLength: 3 }), fc.array(atom, { minLength: 2, maxLength: 3 }))
      .map(([local, domain]) => `${local.join('.')}@${domain.join('.')}`);
    fc.assert(
      fc.property(email, (address) => {
        expect(cleanEmail(address)).toBe(address.toLowerCase());
      }),
      runs,
    );
  });

  test('never turns two emails that differ in visible characters (ignoring case) into one', () => {
    // Visible: what is left once whitespace, controls and invisible characters are set aside.
    const visible = (text: string) =>
      text.replace(/[\s\u0000-\u001f\u007f-\u009f\p{Cf}\u{e0000}-\u{e007f}]|\p{Cs}/gu, '').toLowerCase();
    const email = fc
      .tuple(hostileText, fc.constantFrom('@example.com', '@Example.COM', '@exämple.com'))
      .map(([local, domain]) => local + domain);
    fc.assert(
      fc.property(email, email, (a, b) => {
        // An email still holding a control character is refused, never compared.
        if (hasControlChars(cleanEmail(a)) || hasControlChars(cleanEmail(b))) return;
        if (visible(a) !== visible(b)) expect(cleanEmail(a)).not.toBe(cleanEmail(b));
      }),
      runs,
    );
    // Near pairs: one visible character inserted must tell them apart; invisible ones never may.
    const near = fc.tuple(email, fc.nat(), fc.constantFrom('x', '.', '+', 'É', '\u200b', '\u202e', '\u{e0041}'));
    fc.assert(
      fc.property(near, ([a, at, inserted]) => {
        const chars = [...a];
        chars.splice(at % (chars.length + 1), 0, inserted);
        const b = chars.join('');
        if (hasControlChars(cleanEmail(a))) return;
        if (visible(a) !== visible(b)) expect(cleanEmail(b)).not.toBe(cleanEmail(a));
        else expect(cleanEmail(b)).toBe(cleanEmail(a));
      }),
      runs,
    );
  });
});

describe('the cleaning, by example', () => {
  test('emails: invisible characters out, trimmed, lower-cased; controls left for the check to refuse', () => {
    expect(cleanEmail(' \u202eLiam.Rossi\u200b@Example.org\u00ad\u{e0041} ')).toBe('liam.rossi@example.org');
    expect(cleanEmail('a\u0000b@x.co')).toBe('a\u0000b@x.co');
  });

  test('one line: controls and bidi out, whitespace one space, joiners only inside words', () => {
    expect(cleanLine(' Anna\nPlan:\t Enterprise\u202e\u0000 ')).toBe('Anna Plan: Enterprise');
    expect(cleanLine('می\u200cخواهم \u200cx\u200d')).toBe('می\u200cخواهم x');
    expect(cleanLine('👩\u200d👧')).toBe('👩\u200d👧');
    expect(cleanLine('a\u0085b\u2028c')).toBe('a b c');
  });

  test('multi-line: line breaks folded into \\n, tabs kept', () => {
    expect(cleanText('one\r\ntwo\rthree\u2028four\u0085five\tsix  seven\u0007')).toBe(
      'one\ntwo\nthree\nfour\nfive\tsix seven',
    );
  });

  test('each field’s rule: cut with a mark, or refused', () => {
    expect(cleanCut('ip', `1${' '.repeat(3)}2`)).toBe('1 2');
    expect(cleanCut('lookupCaseId', 'c'.repeat(300))).toBe(`${'c'.repeat(127)}…`);
    expect(cleanCut('description', 'd'.repeat(60_000))).toHaveLength(50_000);
    expect(cleanOrRefuse('chatCaseId', 'c'.repeat(1000))).toBe('c'.repeat(1000));
    expect(cleanOrRefuse('chatCaseId', 'c'.repeat(1001))).toBeUndefined();
    expect(cleanOrRefuse('chatCaseId', `${'c'.repeat(1000)}\u200b\u0000`)).toBe('c'.repeat(1000));
    for (const rule of Object.values(FIELD_RULES)) expect(rule.max).toBeGreaterThan(0);
  });
});

test('SECURITY.md shows the same table of fields as the code', () => {
  const security = readFileSync(path.resolve(__dirname, '../../../SECURITY.md'), 'utf8');
  const rows = security.split('\n').filter((line) => /^\s*\| `\w+` \|/.test(line));
  expect(rows.map((row) => row.trim())).toEqual(
    Object.entries(FIELD_RULES).map(
      ([name, rule]) =>
        `| \`${name}\` | ${rule.sentAs} | ${rule.kind} | ${rule.max.toLocaleString('en-US')} | ${rule.over} |`,
    ),
  );
});
