/**
 * Where the compiled configuration lives between lookups (CacheService, then Script Properties) and
 * how staff edits make it and the cached answers go away. Filling and forgetting both hold the
 * script lock, so a lookup that read the old structure can never put it back after an edit.
 */
import { CACHE_MAX_SECONDS, cacheKeys, fitsInCache, utf8Length } from './answer-cache';
import { Config, CONFIG_MAX_AGE_MS, PROPERTY, readConfig } from './config';
import { LOG } from './messages';
import { CachePort, LockPort, Logger, PropertiesPort } from './ports';

/** Script Properties values are limited to 9 KB each. */
const PROPERTY_VALUE_LIMIT_BYTES = 9 * 1024;

export interface ConfigStore {
  cache: CachePort;
  properties: PropertiesPort;
  lock: LockPort;
  log: Logger;
  build: string;
  now(): number;
  /** A new configuration from the spreadsheet, given the Script Properties just read. */
  rebuild(properties: Record<string, string>): Config;
  /** Sees the Script Properties each time they are read (the web app remembers its URL here). */
  onLoad?(properties: Record<string, string>): void;
}

function remainingSeconds(config: Config, now: number): number {
  const left = Math.floor((config.builtAt + CONFIG_MAX_AGE_MS - now) / 1000);
  return Math.max(1, Math.min(CACHE_MAX_SECONDS, left));
}

/** The configuration when the cache had none: from Script Properties, else rebuilt. */
export function loadConfig(store: ConfigStore): Config {
  return store.lock.withLock((locked) => {
    const now = store.now();
    const properties = store.properties.getAll();
    store.onLoad?.(properties);
    const kept = readConfig(properties[PROPERTY.config], store.build, now);
    const config = kept ?? store.rebuild(properties);
    // Without the lock an edit could be forgetting this very configuration, so nothing is kept.
    if (!locked) return config;
    const json = JSON.stringify(config);
    if (!kept) {
      if (utf8Length(json) > PROPERTY_VALUE_LIMIT_BYTES) {
        store.log.warn(LOG.configTooLarge);
      } else {
        try {
          store.properties.set(PROPERTY.config, json);
        } catch (err) {
          store.log.warn(LOG.configNotKept(String(err)));
        }
      }
    }
    try {
      if (fitsInCache(json)) store.cache.put(cacheKeys(store.build).config, json, remainingSeconds(config, now));
    } catch (err) {
      store.log.warn(LOG.configNotCached(String(err)));
    }
    return config;
  });
}

/** After a change to the settings, headers, columns or key: every lookup rebuilds from the sheet. */
export function forgetConfig(store: Pick<ConfigStore, 'cache' | 'properties' | 'lock' | 'build'>): void {
  store.lock.withLock(() => {
    store.properties.remove(PROPERTY.config);
    store.cache.removeAll([cacheKeys(store.build).config]);
  });
}

/** After any change to the contacts: no cached answer is used again. */
export function forgetAnswers(cache: CachePort, build: string, generation: string): void {
  cache.put(cacheKeys(build).generation, generation, CACHE_MAX_SECONDS);
}
