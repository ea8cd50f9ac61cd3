/**
 * The state every request needs: the generations and a configuration valid under them. From the
 * cache when its copy is young enough; else from Script Properties (one read), the configuration
 * rebuilt from the spreadsheet only when the kept one is from another structure generation or too
 * old. That reload holds the script lock, which is also what makes it safe to refresh the cache's
 * copy: a rebuild that read the old key before a rotation can never publish it afterwards, because
 * rotation takes the same lock and the configuration carries the generation it was built under.
 */
import { Config, readConfig } from './config';
import {
  confirmedEntry,
  CONFIRMED_SECONDS,
  Generations,
  generationProperties,
  generationsIn,
  newToken,
  readCachedGenerations,
} from './freshness';
import { LOG } from '../messages';
import { bestEffort, Platform } from '../ports';
import { CACHE_KEY, CACHE_VALUE_LIMIT_BYTES, PROPERTY, utf8Length } from './store-keys';

export interface StoreDeps extends Platform {
  /** A new configuration from the spreadsheet, given the Script Properties just read. */
  rebuild(properties: Record<string, string>, structureGeneration: string): Config;
  /** Sees the Script Properties each time they are read (the web app notes its URL there). */
  onLoad?(properties: Record<string, string>): void;
}

export interface SharedState {
  /** Undefined only when they could not be started (no lock on the very first lookup); nothing is cached then. */
  generations: Generations | undefined;
  config: Config;
}

export function loadSharedState(deps: StoreDeps): SharedState {
  return deps.lock.withLock((locked) => {
    const now = deps.now();
    const properties = deps.properties.getAll();
    deps.onLoad?.(properties);
    let generations = generationsIn(properties);
    if (!generations && locked) {
      generations = { structure: newToken(now, deps.random), content: newToken(now, deps.random) };
      deps.properties.setAll(generationProperties(generations));
    }
    const kept = generations && readConfig(properties[PROPERTY.config], generations.structure, now);
    const config = kept || deps.rebuild(properties, generations?.structure ?? '');
    // Without the lock another execution may be changing the generations: nothing read here is published.
    if (locked && generations) {
      const json = JSON.stringify(config);
      // Script Properties refuse a value over 9 KB: such a configuration is only cached, and rebuilt when evicted.
      if (!kept) bestEffort(deps.log, LOG.configNotKept, () => deps.properties.setAll({ [PROPERTY.config]: json }));
      const entries = confirmedEntry(generations, now);
      if (utf8Length(json) <= CACHE_VALUE_LIMIT_BYTES) entries[CACHE_KEY.config] = json;
      bestEffort(deps.log, LOG.cacheWriteFailed, () => deps.cache.putAll(entries, CONFIRMED_SECONDS));
    }
    return { generations, config };
  });
}

export interface CurrentState extends SharedState {
  /** What the one cache read returned, `extraKeys` included. */
  cached: Record<string, string>;
}

/**
 * The state a request needs, from one CacheService read (with `extraKeys`); Script Properties only
 * when the cache's copy is missing, old, or its configuration is. Script Properties, read after the
 * cache, are at least as new as any change notice the cache held.
 */
export function currentState(store: StoreDeps, extraKeys: string[]): CurrentState {
  const now = store.now();
  let cached: Record<string, string> = {};
  const keys = [CACHE_KEY.generations, CACHE_KEY.structureChanged, CACHE_KEY.contentChanged, CACHE_KEY.config];
  bestEffort(store.log, LOG.cacheReadFailed, () => (cached = store.cache.getAll([...keys, ...extraKeys])));
  const generations = readCachedGenerations(cached, now);
  const config = generations && readConfig(cached[CACHE_KEY.config], generations.structure, now);
  return config ? { cached, generations, config } : { cached, ...loadSharedState(store) };
}
