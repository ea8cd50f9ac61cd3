/**
 * The admin's two actions that must reach every deployment at once: a new access key, and Clear
 * cache. Both hold the script lock while they write, so no rebuild that read the old state can
 * publish it afterwards; without the lock they change nothing and say so.
 */
import { publishChange } from '../state/freshness';
import { Platform } from '../ports';
import { PROPERTY } from '../state/store-keys';

export type Outcome =
  | { done: false }
  /** stale: CacheService could not be updated, so the old state may answer for up to a minute more. */
  | { done: true; stale: boolean };

export type Rotation = { done: false } | { done: true; stale: boolean; key: string };

export function rotateAccessKey(platform: Platform, newAccessKey: () => string): Rotation {
  const key = newAccessKey();
  const outcome = clearCache(platform, { [PROPERTY.accessKey]: key });
  return outcome.done ? { ...outcome, key } : outcome;
}

/** A new structure generation (with `properties`, under the lock): every cached answer and configuration is dropped. */
export function clearCache(platform: Platform, properties: Record<string, string> = {}): Outcome {
  return platform.lock.withLock((locked) =>
    locked ? { done: true, stale: !publishChange(platform, 'structure', properties) } : { done: false },
  );
}
