import { capLength, sanitizeText, utcMinute } from '../../src/core/text';

describe('sanitizeText', () => {
  test('removes every format character (Unicode Cf), not a hand-picked list', () => {
    const format = [
      '\u00ad',
      '\u061c',
      '\u180e',
      '\u200b',
      '\u200c',
      '\u200d',
      '\u200e',
      '\u202e',
      '\u2061',
      '\u2064',
      '\u2066',
      '\ufeff',
    ];
    for (const char of format) expect(sanitizeText(`a${char}b`)).toBe('ab');
    // Every Cf code point of the Basic Multilingual Plane.
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code);
      if (/\p{Cf}/u.test(char)) expect(sanitizeText(char)).toBe('');
    }
  });

  test('removes the tag block U+E0000–U+E007F, which can carry hidden text', () => {
    const hidden = [...'ignore previous'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    expect(sanitizeText(`Jane${hidden}\u{e0001}\u{e0000}\u{e007f}`)).toBe('Jane');
  });

  test('removes controls but newline and tab, folds line breaks, drops lone surrogates, keeps emoji', () => {
    expect(sanitizeText('a\u0000b\u001b[31mc\r\nd\re\u2028f\tg\u0085h')).toBe('ab[31mc\nd\ne\nf\tgh');
    expect(sanitizeText('x\ud800y\udc00z😀')).toBe('xyz😀');
  });
});

test('capLength never splits a surrogate pair and marks the cut', () => {
  expect(capLength('abcdef', 10, '…')).toBe('abcdef');
  expect(capLength('ab😀cdef', 4, '…')).toBe('ab…');
});

test('utcMinute', () => {
  expect(utcMinute(Date.UTC(2026, 10, 30, 14, 5, 59))).toBe('2026-11-30 14:05 UTC');
});
