import { randomUUID } from 'node:crypto';
import { checkAccessKey, digestsEqual, generateAccessKey } from '../../../src/core/request/auth';
import { sha256 } from '../../support/plain-ports';

describe('access key', () => {
  test('a generated key is 64 hex characters from two UUIDs (244 random bits) and never repeats', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateAccessKey(randomUUID)));
    expect(keys.size).toBe(1000);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  test('right key, wrong key, missing key, no key configured', () => {
    const digest = sha256('s3cret');
    expect(checkAccessKey('s3cret', digest, sha256)).toBe('ok');
    expect(checkAccessKey(' s3cret ', digest, sha256)).toBe('ok');
    expect(checkAccessKey('s3cre', digest, sha256)).toBe('refused');
    expect(checkAccessKey('S3CRET', digest, sha256)).toBe('refused');
    expect(checkAccessKey(undefined, digest, sha256)).toBe('refused');
    expect(checkAccessKey('x'.repeat(10_000), digest, sha256)).toBe('refused');
    expect(checkAccessKey('s3cret', '', sha256)).toBe('not-set-up');
  });

  test('an empty key never matches, even against the digest of the empty string', () => {
    expect(checkAccessKey('', sha256(''), sha256)).toBe('refused');
  });

  test('digest comparison looks at every character', () => {
    const a = sha256('a');
    for (let i = 0; i < a.length; i++) {
      const changed = a.slice(0, i) + (a[i] === '0' ? '1' : '0') + a.slice(i + 1);
      expect(digestsEqual(a, changed)).toBe(false);
    }
    expect(digestsEqual(a, a.slice(0, -1))).toBe(false);
    expect(digestsEqual(a, `${a}`)).toBe(true);
  });
});
