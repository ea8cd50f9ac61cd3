import {
  CONFIRMED_MAX_AGE_MS,
  confirmedEntry,
  generationsIn,
  newToken,
  publishChange,
  readCachedGenerations,
  recordChange,
} from '../../../src/core/state/freshness';
import { CACHE_KEY, PROPERTY } from '../../../src/core/state/store-keys';
import { plainPlatform } from '../../support/plain-ports';

const T1 = newToken(1000, () => 0.1);
const T2 = newToken(2000, () => 0.2);

describe('tokens', () => {
  test('are unique and sort by creation time', () => {
    const platform = plainPlatform();
    const tokens = Array.from({ length: 100 }, (_, i) => newToken(1000 + i, platform.random));
    expect(new Set(tokens).size).toBe(100);
    expect([...tokens].sort()).toEqual(tokens);
    expect(newToken(Date.UTC(2999, 0, 1), platform.random) > newToken(Date.UTC(2026, 0, 1), platform.random)).toBe(
      true,
    );
  });
});

describe("the cache's confirmed copy of the generations", () => {
  test('is trusted for less than a minute after Script Properties were read, and only whole', () => {
    const entries = confirmedEntry({ structure: T1, content: T1 }, 1000);
    expect(readCachedGenerations(entries, 1000)).toEqual({ structure: T1, content: T1 });
    expect(readCachedGenerations(entries, 1000 + CONFIRMED_MAX_AGE_MS - 1)).toEqual({ structure: T1, content: T1 });
    expect(readCachedGenerations(entries, 1000 + CONFIRMED_MAX_AGE_MS)).toBeUndefined();
    expect(readCachedGenerations({}, 1000)).toBeUndefined();
  });

  test.each([
    '',
    'x y 1000',
    `${T1} ${T1}`,
    `${T1} ${T1} 1000 extra`,
    `${T1} ${T1} soon`,
    `${T1} ${T1} 99999999999999`,
  ])('a corrupt copy %j is not trusted', (value) => {
    const [key] = Object.keys(confirmedEntry({ structure: T1, content: T1 }, 1000));
    expect(readCachedGenerations({ [key]: value }, 1000)).toBeUndefined();
  });
});

describe('changes', () => {
  test('a content change keeps the structure; a structure change renews both', () => {
    const platform = plainPlatform();
    publishChange(platform, 'structure');
    const first = generationsIn(platform.properties.getAll());
    platform.advance(1);
    publishChange(platform, 'content');
    const second = generationsIn(platform.properties.getAll());
    expect(second?.structure).toBe(first?.structure);
    expect(second?.content).not.toBe(first?.content);
    platform.advance(1);
    publishChange(platform, 'structure');
    const third = generationsIn(platform.properties.getAll());
    expect(third?.structure).not.toBe(second?.structure);
    expect(third?.content).not.toBe(second?.content);
  });

  test('recorded durably, with the extra properties, and in the cache for the next lookup', () => {
    const platform = plainPlatform();
    recordChange(platform, 'content', { [PROPERTY.editedAt]: '5' });
    const properties = platform.properties.getAll();
    expect(properties[PROPERTY.editedAt]).toBe('5');
    expect(readCachedGenerations(Object.fromEntries(platform.cache.map), platform.now())).toEqual(
      generationsIn(properties),
    );
  });

  test('a lookup that confirms older tokens after a change cannot hide it: the change notice wins', () => {
    const platform = plainPlatform();
    publishChange(platform, 'structure');
    const before = generationsIn(platform.properties.getAll());
    platform.advance(10);
    publishChange(platform, 'content');
    const after = generationsIn(platform.properties.getAll());
    // A lookup that read Script Properties before the change writes its copy after it.
    platform.cache.putAll(confirmedEntry(before ?? { structure: '', content: '' }, platform.now() - 5), 60);
    expect(readCachedGenerations(Object.fromEntries(platform.cache.map), platform.now())).toEqual(after);
  });

  test('when the cache write fails, the copy is removed; when that fails too, it is reported as stale', () => {
    const platform = plainPlatform();
    platform.cache.putAll(confirmedEntry({ structure: T1, content: T1 }, platform.now()), 60);
    platform.cache.putAll = () => {
      throw new Error('cache down');
    };
    expect(publishChange(platform, 'content')).toBe(true);
    expect(readCachedGenerations(Object.fromEntries(platform.cache.map), platform.now())).toBeUndefined();
    platform.cache.removeAll = () => {
      throw new Error('cache down');
    };
    expect(publishChange(platform, 'content')).toBe(false);
    expect(platform.log.errors.join()).toContain('up to a minute');
  });

  test('a trigger without the lock still records the change, and says so', () => {
    const platform = plainPlatform();
    platform.lock.available = false;
    recordChange(platform, 'structure');
    expect(generationsIn(platform.properties.getAll())).toBeDefined();
    expect(platform.log.warnings.join()).toContain('without the script lock');
  });

  test('T2 is later than T1', () => expect(T2 > T1).toBe(true));
});

describe('the emails generation (which email index is valid)', () => {
  test('confirmed beside the others, by the same read of Script Properties, and replaced by a later notice', () => {
    const entries = confirmedEntry({ structure: T1, content: T1, emails: T1 }, 1000);
    expect(readCachedGenerations(entries, 1000)).toEqual({ structure: T1, content: T1, emails: T1 });
    expect(readCachedGenerations({ ...entries, [CACHE_KEY.emailsChanged]: T2 }, 1000)?.emails).toBe(T2);
    // A copy from another read (an older build wrote the generations alone) confirms no emails token.
    const other = { ...entries, [CACHE_KEY.emailsGeneration]: `${T1} 999` };
    expect(readCachedGenerations(other, 1000)?.emails).toBeUndefined();
  });

  test('a content change keeps it, an email or structure change starts a new one', () => {
    const platform = plainPlatform();
    publishChange(platform, 'structure');
    const first = generationsIn(platform.properties.getAll());
    expect(first?.emails).toBeDefined();
    platform.advance(1);
    publishChange(platform, 'content');
    const content = generationsIn(platform.properties.getAll());
    expect(content?.emails).toBe(first?.emails);
    expect(content?.content).not.toBe(first?.content);
    platform.advance(1);
    publishChange(platform, 'emails');
    const emails = generationsIn(platform.properties.getAll());
    expect(emails?.emails).not.toBe(first?.emails);
    expect(emails?.structure).toBe(first?.structure);
    expect(readCachedGenerations(Object.fromEntries(platform.cache.map), platform.now())).toEqual(emails);
  });

  test('the kind of change may be decided from the Script Properties just read', () => {
    const platform = plainPlatform();
    publishChange(platform, 'structure');
    const seen: Record<string, string>[] = [];
    publishChange(platform, (properties) => (seen.push(properties), 'content'));
    expect(seen[0][PROPERTY.structureGeneration]).toBeDefined();
  });

  test('Script Properties failing: the change is still announced in the cache, long-lived, and the error thrown', () => {
    const platform = plainPlatform();
    publishChange(platform, 'structure');
    const before = readCachedGenerations(Object.fromEntries(platform.cache.map), platform.now(), true);
    platform.advance(10);
    platform.properties.getAll = () => {
      throw new Error('Service invoked too many times for one day: properties.');
    };
    expect(() => publishChange(platform, 'emails')).toThrow('properties.');
    const after = readCachedGenerations(Object.fromEntries(platform.cache.map), platform.now(), true);
    expect(after?.content).not.toBe(before?.content);
    expect(after?.emails).not.toBe(before?.emails);
    expect(after?.structure).toBe(before?.structure);
    expect(platform.cache.seconds.get(CACHE_KEY.contentChanged)).toBe(21600);
  });
});
