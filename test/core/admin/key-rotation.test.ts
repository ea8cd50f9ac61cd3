import { readCachedGenerations } from '../../../src/core/state/freshness';
import { clearCache, rotateAccessKey } from '../../../src/core/admin/key-rotation';
import { PROPERTY } from '../../../src/core/state/store-keys';
import { plainPlatform } from '../../support/plain-ports';

test('rotation writes the key with new generations, durably and in the cache, under the lock', () => {
  const platform = plainPlatform();
  const rotation = rotateAccessKey(platform, () => 'new-key');
  expect(rotation).toEqual({ done: true, stale: false, key: 'new-key' });
  const properties = platform.properties.getAll();
  expect(properties[PROPERTY.accessKey]).toBe('new-key');
  expect(readCachedGenerations(Object.fromEntries(platform.cache.map), platform.now())).toEqual({
    structure: properties[PROPERTY.structureGeneration],
    content: properties[PROPERTY.contentGeneration],
    emails: properties[PROPERTY.emailsGeneration],
  });
});

test('without the lock nothing changes', () => {
  const platform = plainPlatform();
  platform.properties.setAll({ [PROPERTY.accessKey]: 'old' });
  platform.lock.available = false;
  expect(rotateAccessKey(platform, () => 'new-key')).toEqual({ done: false });
  expect(clearCache(platform)).toEqual({ done: false });
  expect(platform.properties.getAll()).toEqual({ [PROPERTY.accessKey]: 'old' });
});

test('a cache that cannot be updated is reported: the old key may work a minute more', () => {
  const platform = plainPlatform();
  const fail = () => {
    throw new Error('cache down');
  };
  platform.cache.putAll = fail;
  platform.cache.removeAll = fail;
  expect(rotateAccessKey(platform, () => 'k')).toEqual({ done: true, stale: true, key: 'k' });
  expect(clearCache(platform)).toEqual({ done: true, stale: true });
});
