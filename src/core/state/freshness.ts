/**
 * Freshness: two generation tokens say which cached configuration and answers may still be used.
 * The structure generation changes with the settings, the header row, the columns, the access key
 * and Clear cache; the content generation changes with every edit and with the structure.
 *
 * Script Properties hold them durably, for every deployment of every build. Lookups read them from
 * CacheService, with their answer, in one call, from two kinds of entries:
 * - the confirmed copy: both tokens as a lookup read them from Script Properties (under the script
 *   lock), trusted for one minute after that read, then read again; so even when a change could not
 *   be recorded in the cache, answers from before it stop within a minute;
 * - change notices: the tokens a change just wrote. A change writes the confirmed copy too, but a
 *   lookup that read Script Properties just before the change may confirm the old tokens just after
 *   it; the notice, which lookups never write, outlives that stale copy, and of two tokens the one
 *   created later wins (tokens start with their time). So the change cannot be hidden.
 */
import { because, LOG } from '../messages';
import { bestEffort, Platform } from '../ports';
import { CACHE_KEY, PROPERTY } from './store-keys';

export interface Generations {
  structure: string;
  content: string;
}

/** How long the confirmed copy is trusted after Script Properties were read; also its lifetime in the cache. */
export const CONFIRMED_MAX_AGE_MS = 60_000;
export const CONFIRMED_SECONDS = CONFIRMED_MAX_AGE_MS / 1000;

/** A new generation token: its creation time first (fixed width, so tokens sort by time), then random. */
export function newToken(now: number, random: () => number): string {
  return `${Math.floor(now).toString(36).padStart(9, '0')}.${Math.floor(random() * 2 ** 48).toString(36)}`;
}

const TOKEN = /^[0-9a-z]{9}\.[0-9a-z]+$/;

/** The confirmed copy's value: both tokens, and when Script Properties were read. */
export function confirmedEntry(generations: Generations, readAt: number): Record<string, string> {
  return { [CACHE_KEY.generations]: `${generations.structure} ${generations.content} ${readAt}` };
}

/**
 * The generations a lookup may trust from what it read in the cache: the confirmed copy if it is
 * young enough, each token replaced by a later change notice if there is one.
 */
export function readCachedGenerations(cached: Record<string, string>, now: number): Generations | undefined {
  const [structure = '', content = '', readAt = '', ...rest] = (cached[CACHE_KEY.generations] ?? '').split(' ');
  const age = now - Number(readAt);
  // Older than a minute, or from the future beyond clock skew: read Script Properties again.
  const young = age < CONFIRMED_MAX_AGE_MS && age >= -CONFIRMED_MAX_AGE_MS;
  if (rest.length || !TOKEN.test(structure) || !TOKEN.test(content) || !/^\d+$/.test(readAt) || !young) return;
  // Of two tokens, the one created later wins.
  const later = (notice: string | undefined, token: string) =>
    notice && TOKEN.test(notice) && notice > token ? notice : token;
  return {
    structure: later(cached[CACHE_KEY.structureChanged], structure),
    content: later(cached[CACHE_KEY.contentChanged], content),
  };
}

export function generationsIn(properties: Record<string, string>): Generations | undefined {
  const structure = properties[PROPERTY.structureGeneration];
  const content = properties[PROPERTY.contentGeneration];
  return structure && content ? { structure, content } : undefined;
}

export function generationProperties(generations: Generations): Record<string, string> {
  return { [PROPERTY.structureGeneration]: generations.structure, [PROPERTY.contentGeneration]: generations.content };
}

/** A structure change also changes the content generation: answers depend on the structure too. */
export type Change = 'content' | 'structure';

/**
 * Publishes a change: new generations in Script Properties (durable), then, in one cache write, the
 * confirmed copy with them and a change notice. When the cache write fails, the confirmed copy is
 * removed so the next lookup reads Script Properties; when that fails too, the change shows once the
 * old copy expires, within a minute. Returns false only in that last case. Callers hold the lock
 * when they can, so changes reach Script Properties in order.
 */
export function publishChange(
  platform: Platform,
  change: Change,
  extraProperties: Record<string, string> = {},
): boolean {
  const { cache, log } = platform;
  const time = platform.now();
  const current = generationsIn(platform.properties.getAll());
  const structureChanged = change === 'structure' || !current;
  const content = newToken(time, platform.random);
  const generations = { structure: structureChanged ? newToken(time, platform.random) : current.structure, content };
  platform.properties.setAll({ ...generationProperties(generations), ...extraProperties });
  const notice: Record<string, string> = { [CACHE_KEY.contentChanged]: content };
  if (structureChanged) notice[CACHE_KEY.structureChanged] = generations.structure;
  const write = () => cache.putAll({ ...confirmedEntry(generations, time), ...notice }, CONFIRMED_SECONDS);
  if (bestEffort(log, LOG.cacheWriteFailed, write)) return true;
  try {
    cache.removeAll([CACHE_KEY.generations]);
    return true;
  } catch (err) {
    log.error(because(LOG.generationStale, err));
    return false;
  }
}

/**
 * Records a change seen by a trigger so the next lookup, on any deployment, reads afresh. It waits
 * for the script lock; without it the change is recorded all the same.
 */
export function recordChange(platform: Platform, change: Change, extraProperties: Record<string, string> = {}): void {
  platform.lock.withLock((locked) => {
    if (!locked) platform.log.warn(LOG.changeWithoutLock);
    publishChange(platform, change, extraProperties);
  });
}
