/**
 * The admin's two actions that must reach every deployment at once: a new access key, and Clear
 * cache. Both hold the script lock while they write, so no rebuild that read the old state can
 * publish it afterwards; without the lock they change nothing and say so.
 */
import { publishChange } from './freshness';
import { Platform } from './ports';
import { PROPERTY } from './store-keys';

export type Outcome =
  | { done: false }
  /** stale: CacheService could not be updated, so the old state may answer for up to a minute more. */
  | { done: true; stale: boolean };

export type Rotation = { done: false } | { done: true; stale: boolean; key: string };

export function rotateAccessKey(platform: Platform, newAccessKey: () => string): Rotation {
  return platform.lock.withLock((locked) => {
    if (!locked) return { done: false };
    const key = newAccessKey();
    const fresh = publishChange(platform, 'structure', { [PROPERTY.accessKey]: key });
    return { done: true, stale: !fresh, key };
  });
}

export function clearCache(platform: Platform): Outcome {
  return platform.lock.withLock((locked) => {
    if (!locked) return { done: false };
    return { done: true, stale: !publishChange(platform, 'structure') };
  });
}
