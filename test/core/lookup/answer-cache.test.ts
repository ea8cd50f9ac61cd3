import { readAnswer, storedAnswer } from '../../../src/core/lookup/answer-cache';

const generations = { structure: 's1', content: 'c1' };

describe('cached answers', () => {
  const entry = storedAnswer(generations, 'jane@example.com', { text: 'Name: Jane', matches: 1 }) ?? '';

  test('are reused only under the same generations and for the same email', () => {
    expect(readAnswer(entry, generations, 'jane@example.com')).toEqual({ text: 'Name: Jane', matches: 1 });
    expect(readAnswer(entry, { structure: 's1', content: 'c2' }, 'jane@example.com')).toBeUndefined();
    expect(readAnswer(entry, { structure: 's2', content: 'c1' }, 'jane@example.com')).toBeUndefined();
    expect(readAnswer(entry, generations, 'john@example.com')).toBeUndefined();
    expect(readAnswer(undefined, generations, 'jane@example.com')).toBeUndefined();
  });

  test.each([
    '',
    'not json',
    'null',
    '42',
    '"text"',
    '[]',
    '{"structureGeneration":"s1","contentGeneration":"c1","email":"jane@example.com"}',
    '{"structureGeneration":"s1","contentGeneration":"c1","email":"jane@example.com","text":5,"matches":1}',
    '{"structureGeneration":"s1","contentGeneration":"c1","email":"jane@example.com","text":"x","matches":-1}',
    '{"structureGeneration":"s1","contentGeneration":"c1","email":"jane@example.com","text":"x","matches":1.5}',
  ])('corrupt or foreign entry %j reads as nothing', (json) =>
    expect(readAnswer(json, generations, 'jane@example.com')).toBeUndefined(),
  );

  test('an answer over CacheService’s 100 KB value limit is not stored', () => {
    expect(storedAnswer(generations, 'a@b.co', { text: 'x'.repeat(100 * 1024), matches: 1 })).toBeUndefined();
    expect(storedAnswer(generations, 'a@b.co', { text: 'x'.repeat(1000), matches: 1 })).toBeDefined();
  });
});
