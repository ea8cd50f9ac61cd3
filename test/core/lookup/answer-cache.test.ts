import { outdateAnswer, readAnswer, recheckChatToken, storedAnswer } from '../../../src/core/lookup/answer-cache';
import { CACHE_KEY } from '../../../src/core/state/store-keys';
import { plainPlatform } from '../../support/plain-ports';

const generations = { structure: 's1', content: 'c1' };

describe('cached answers', () => {
  const entry = storedAnswer(generations, 'jane@example.com', '', { text: 'Name: Jane', matches: 1 }) ?? '';

  test('are reused only under the same generations and for the same email', () => {
    expect(readAnswer(entry, generations, 'jane@example.com', '')).toEqual({ text: 'Name: Jane', matches: 1 });
    expect(readAnswer(entry, { structure: 's1', content: 'c2' }, 'jane@example.com', '')).toBeUndefined();
    expect(readAnswer(entry, { structure: 's2', content: 'c1' }, 'jane@example.com', '')).toBeUndefined();
    expect(readAnswer(entry, generations, 'john@example.com', '')).toBeUndefined();
    expect(readAnswer(undefined, generations, 'jane@example.com', '')).toBeUndefined();
  });

  test('are reused only while the visitor’s chat token is the one they were computed under', () => {
    const underToken = storedAnswer(generations, 'jane@example.com', 't1', { text: 'x', matches: 1 });
    expect(readAnswer(underToken, generations, 'jane@example.com', 't1')).toEqual({ text: 'x', matches: 1 });
    expect(readAnswer(underToken, generations, 'jane@example.com', 't2')).toBeUndefined();
    // A token Google dropped reads as none: never the token the answer was computed under.
    expect(readAnswer(underToken, generations, 'jane@example.com', '')).toBeUndefined();
    expect(readAnswer(entry, generations, 'jane@example.com', 't1')).toBeUndefined();
  });

  test('an answer an older build stored (no token) counts as computed under none', () => {
    const older = JSON.stringify({ ...generations, email: 'jane@example.com', text: 'x', matches: 1 });
    expect(readAnswer(older, generations, 'jane@example.com', '')).toEqual({ text: 'x', matches: 1 });
    expect(readAnswer(older, generations, 'jane@example.com', 't1')).toBeUndefined();
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
    expect(readAnswer(json, generations, 'jane@example.com', '')).toBeUndefined(),
  );

  test('an answer over CacheService’s 100 KB value limit is not stored', () => {
    expect(storedAnswer(generations, 'a@b.co', '', { text: 'x'.repeat(100 * 1024), matches: 1 })).toBeUndefined();
    expect(storedAnswer(generations, 'a@b.co', '', { text: 'x'.repeat(1000), matches: 1 })).toBeDefined();
  });
});

describe('a chat outdates only its own visitor’s answer', () => {
  test('a new token for the visitor, their answer removed, nobody else’s touched, no Script Properties call', () => {
    const platform = plainPlatform();
    platform.cache.putAll({ [CACHE_KEY.answer('d1')]: 'a1', [CACHE_KEY.answer('d2')]: 'a2' }, 600);
    outdateAnswer(platform, 'd1', 10);
    const first = platform.cache.map.get(CACHE_KEY.chatToken('d1'));
    expect(first).toMatch(/^[0-9a-z]{9}\.[0-9a-z]+$/);
    // Cache minutes and a minute more: longer than any answer computed under the earlier token.
    expect(platform.cache.seconds.get(CACHE_KEY.chatToken('d1'))).toBe(660);
    expect(platform.cache.map.has(CACHE_KEY.answer('d1'))).toBe(false);
    expect(platform.cache.map.get(CACHE_KEY.answer('d2'))).toBe('a2');
    outdateAnswer(platform, 'd1', 10);
    expect(platform.cache.map.get(CACHE_KEY.chatToken('d1'))).not.toBe(first);
    expect(platform.properties.reads + platform.properties.writes).toBe(0);
    outdateAnswer(platform, 'd1', 360);
    expect(platform.cache.seconds.get(CACHE_KEY.chatToken('d1'))).toBe(21600);
  });

  test('the re-check after storing removes the answer only when a chat token appeared meanwhile', () => {
    const platform = plainPlatform();
    platform.cache.putAll({ [CACHE_KEY.answer('d1')]: 'a1' }, 600);
    recheckChatToken(platform.cache, 'd1');
    expect(platform.cache.map.get(CACHE_KEY.answer('d1'))).toBe('a1');
    platform.cache.putAll({ [CACHE_KEY.chatToken('d1')]: 't' }, 600);
    recheckChatToken(platform.cache, 'd1');
    expect(platform.cache.map.has(CACHE_KEY.answer('d1'))).toBe(false);
  });
});
