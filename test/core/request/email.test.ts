import { cleanEmail } from '../../../src/core/request/cleaning';
import { checkEmail as checkCleaned } from '../../../src/core/request/email';

/** As a request arrives: cleaned once, then checked. */
const checkEmail = (raw: string | undefined) => checkCleaned(raw === undefined ? undefined : cleanEmail(raw));

describe('checkEmail', () => {
  test('trims and lower-cases', () => {
    expect(checkEmail('  Jane@Example.COM ')).toEqual({ ok: true, email: 'jane@example.com' });
    expect(cleanEmail('\u00a0A@B.co\t')).toBe('a@b.co');
    expect(checkEmail('\tJane@Example.COM\n')).toEqual({ ok: true, email: 'jane@example.com' });
  });

  test.each([
    'a.b+tag@example.com',
    "o'hara@example.ie",
    'we%ird*?(x@example.com',
    'x@sub.example.co.uk',
    'δοκιμή@παράδειγμα.δοκιμή',
  ])('%s is an email (special characters are ordinary)', (email) => expect(checkEmail(email).ok).toBe(true));

  test.each([
    [undefined, 'Missing email'],
    ['', 'Missing email'],
    ['   ', 'Missing email'],
    ['jane', 'not an email address'],
    ['jane@', 'not an email address'],
    ['@example.com', 'not an email address'],
    ['jane@example', 'not an email address'],
    ['ja ne@example.com', 'not an email address'],
    ['a@b@c.com', 'not an email address'],
    ['jane@.example.com', 'not an email address'],
    ['jane\u0000@example.com', 'control characters'],
    ['jane@example.com\n\u0000', 'control characters'],
    ['jane\u0085@example.com', 'control characters'],
    [`${'a'.repeat(250)}@b.co`, 'longer than 254'],
  ])('%j is refused (%s)', (input, message) => {
    const result = checkEmail(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(message);
  });

  test('exactly 254 characters is allowed', () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(185)}.com`;
    expect(email).toHaveLength(254);
    expect(checkEmail(email).ok).toBe(true);
  });
});
