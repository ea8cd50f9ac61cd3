/**
 * The state every request needs: the generations and a configuration valid under them. From the
 * cache when its copy is young enough; else from Script Properties (one read), the configuration
 * rebuilt from the spreadsheet only when the kept one is from another structure generation or too
 * old. That reload holds the script lock, which is also what makes it safe to refresh the cache's
 * copy: a rebuild that read the old key before a rotation can never publish it afterwards, because
 * rotation takes the same lock and the configuration carries the generation it was built under.
 */
import { Config, keptConfig, readConfig } from './config';
import {
  confirmedEntry,
  Generations,
  generationProperties,
  generationsIn,
  newToken,
  readCachedGenerations,
} from './freshness';
import { because, LOG } from '../messages';
import { bestEffort, Platform } from '../ports';
import { CACHE_KEY, CACHE_MAX_SECONDS, CACHE_VALUE_LIMIT_BYTES, PROPERTY, utf8Length } from './store-keys';

/** Script Properties could not be read (their daily quota spent, or a passing failure). */
export class PropertiesFailure extends Error {}

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
  /** Set when this execution rebuilt the configuration from the spreadsheet (the email index is built then too). */
  rebuilt?: true;
}

export function loadSharedState(deps: StoreDeps): SharedState {
  return deps.lock.withLock((locked) => {
    const now = deps.now();
    let properties: Record<string, string>;
    try {
      properties = deps.properties.getAll();
    } catch (err) {
      throw new PropertiesFailure(because(LOG.propertiesFailed, err));
    }
    deps.onLoad?.(properties);
    let generations = generationsIn(properties);
    if (locked && (!generations || !generations.emails)) {
      const token = () => newToken(now, deps.random);
      const started = generations
        ? { ...generations, emails: token() }
        : { structure: token(), content: token(), emails: token() };
      // Not kept, they would stamp what is cached with tokens no later read confirms: nothing is cached then.
      if (bestEffort(deps.log, LOG.propertiesWriteFailed, () => deps.properties.setAll(generationProperties(started))))
        generations = started;
    }
    const kept = generations && readConfig(properties[PROPERTY.config], generations.structure, now);
    const config = kept || deps.rebuild(properties, generations?.structure ?? '');
    // Without the lock another execution may be changing the generations: nothing read here is published.
    if (locked && generations) {
      const json = JSON.stringify(config);
      // Script Properties refuse a value over 9 KB: such a configuration is only cached, and rebuilt when evicted.
      if (!kept)
        bestEffort(deps.log, LOG.propertiesWriteFailed, () => deps.properties.setAll({ [PROPERTY.config]: json }));
      const entries = confirmedEntry(generations, now);
      if (utf8Length(json) <= CACHE_VALUE_LIMIT_BYTES) entries[CACHE_KEY.config] = json;
      // Kept as long as the cache keeps anything: trusted for a minute (generations) and Cache
      // minutes (configuration), and used beyond that only while Script Properties cannot be read.
      bestEffort(deps.log, LOG.cacheWriteFailed, () => deps.cache.putAll(entries, CACHE_MAX_SECONDS));
    }
    return kept ? { generations, config } : { generations, config, rebuilt: true };
  });
}

export interface CurrentState extends SharedState {
  /** What the one cache read returned, `extraKeys` included. */
  cached: Record<string, string>;
  /** Set when Script Properties could not be read and the last confirmed state answers instead. */
  lastConfirmed?: true;
}

/** How long lookups use the last confirmed state without trying Script Properties again after they failed. */
const PROPERTIES_RETRY_MS = 60_000;

/**
 * The last confirmed state, whatever its age, when Script Properties cannot be read (their daily
 * quota spent): the generations with any change notices since, and the configuration with its key.
 */
function lastConfirmedState(cached: Record<string, string>, now: number): SharedState | undefined {
  const generations = readCachedGenerations(cached, now, true);
  const config = keptConfig(cached[CACHE_KEY.config]);
  return generations && config ? { generations, config } : undefined;
}

/**
 * The state a request needs, from one CacheService read (with `extraKeys`); Script Properties only
 * when the cache's copy is missing, old, or its configuration is. Script Properties, read after the
 * cache, are at least as new as any change notice the cache held. When they cannot be read, the last
 * confirmed state answers (for a minute without trying them again), so a spent daily quota never
 * turns a visitor away; when the cache holds none, the failure stands.
 */
export function currentState(store: StoreDeps, extraKeys: string[]): CurrentState {
  const now = store.now();
  let cached: Record<string, string> = {};
  const keys = [
    CACHE_KEY.generations,
    CACHE_KEY.emailsGeneration,
    CACHE_KEY.structureChanged,
    CACHE_KEY.contentChanged,
    CACHE_KEY.emailsChanged,
    CACHE_KEY.config,
    CACHE_KEY.propertiesFailed,
  ];
  bestEffort(store.log, LOG.cacheReadFailed, () => (cached = store.cache.getAll([...keys, ...extraKeys])));
  const generations = readCachedGenerations(cached, now);
  const config = generations && readConfig(cached[CACHE_KEY.config], generations.structure, now);
  if (config) return { cached, generations, config };
  const fallback = lastConfirmedState(cached, now);
  if (fallback && now - Number(cached[CACHE_KEY.propertiesFailed]) < PROPERTIES_RETRY_MS) {
    return { cached, ...fallback, lastConfirmed: true };
  }
  try {
    return { cached, ...loadSharedState(store) };
  } catch (err) {
    if (!fallback || !(err instanceof PropertiesFailure)) throw err;
    store.log.error(err.message);
    bestEffort(store.log, LOG.cacheWriteFailed, () =>
      store.cache.putAll({ [CACHE_KEY.propertiesFailed]: String(now) }, CACHE_MAX_SECONDS),
    );
    return { cached, ...fallback, lastConfirmed: true };
  }
}
