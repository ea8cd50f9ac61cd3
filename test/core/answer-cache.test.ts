import {
  answerEntry,
  cacheKeys,
  fitsInCache,
  newGeneration,
  readAnswer,
  utf8Length,
} from '../../src/core/answer-cache';

describe('cached answers', () => {
  const entry = answerEntry('g1', 'jane@example.com', { text: 'Name: Jane', matches: 1 });

  test('are reused only under the same generation and for the same email', () => {
    expect(readAnswer(entry, 'g1', 'jane@example.com')).toEqual({ text: 'Name: Jane', matches: 1 });
    expect(readAnswer(entry, 'g2', 'jane@example.com')).toBeUndefined();
    expect(readAnswer(entry, 'g1', 'john@example.com')).toBeUndefined();
    expect(readAnswer(entry, '', 'jane@example.com')).toBeUndefined();
    expect(readAnswer(undefined, 'g1', 'jane@example.com')).toBeUndefined();
  });

  test.each([
    '',
    'not json',
    'null',
    '42',
    '"text"',
    '[]',
    '{"g":"g1","e":"jane@example.com"}',
    '{"g":"g1","e":"jane@example.com","t":5,"n":1}',
    '{"g":"g1","e":"jane@example.com","t":"x","n":-1}',
  ])('corrupt or foreign entry %j reads as nothing', (json) =>
    expect(readAnswer(json, 'g1', 'jane@example.com')).toBeUndefined(),
  );

  test('keys carry the build and stay within CacheService limits', () => {
    const keys = cacheKeys('1.0.0+abc', 'f'.repeat(64));
    expect(keys.answer).toBe(`1.0.0+abc:answer:${'f'.repeat(64)}`);
    expect(Object.values(keys).every((k) => k !== undefined && k.length <= 250)).toBe(true);
    expect(cacheKeys('b').answer).toBeUndefined();
  });

  test('UTF-8 length decides what fits in 100 KB', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(fitsInCache('a'.repeat(100 * 1024))).toBe(true);
    expect(fitsInCache('a'.repeat(100 * 1024 + 1))).toBe(false);
    expect(fitsInCache('€'.repeat(34_134))).toBe(false);
  });

  test('generations differ', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newGeneration(1000, Math.random)));
    expect(tokens.size).toBe(100);
  });
});
