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
 *
 * A third token, the emails generation, says which email index (lookup/email-index.ts) is still
 * valid: it changes with the structure and with edits in an email column of the contacts tab, not
 * with other edits, so staff editing other columns do not make lookups read the email columns again.
 * It is confirmed and announced the same way, under keys of its own, which builds before it ignore.
 */
import { because, LOG } from '../messages';
import { bestEffort, Platform } from '../ports';
import { CACHE_KEY, CACHE_MAX_SECONDS, PROPERTY } from './store-keys';

export interface Generations {
  structure: string;
  content: string;
  /** Absent in stores written before it existed: no email index is used then. */
  emails?: string;
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
  const entry = { [CACHE_KEY.generations]: `${generations.structure} ${generations.content} ${readAt}` };
  return generations.emails ? { ...entry, [CACHE_KEY.emailsGeneration]: `${generations.emails} ${readAt}` } : entry;
}

/** Of two tokens, the one created later wins. */
const later = (notice: string | undefined, token: string | undefined) =>
  notice && TOKEN.test(notice) && (!token || notice > token) ? notice : token;

/**
 * The generations a lookup may trust from what it read in the cache: the confirmed copy if it is
 * young enough, each token replaced by a later change notice if there is one.
 */
export function readCachedGenerations(
  cached: Record<string, string>,
  now: number,
  anyAge = false,
): Generations | undefined {
  const [structure = '', content = '', readAt = '', ...rest] = (cached[CACHE_KEY.generations] ?? '').split(' ');
  const age = now - Number(readAt);
  // Older than a minute, or from the future beyond clock skew: read Script Properties again.
  const young = anyAge || (age < CONFIRMED_MAX_AGE_MS && age >= -CONFIRMED_MAX_AGE_MS);
  if (rest.length || !TOKEN.test(structure) || !TOKEN.test(content) || !/^\d+$/.test(readAt) || !young) return;
  // The emails token counts only when confirmed by the same read of Script Properties.
  const [emails, emailsReadAt] = (cached[CACHE_KEY.emailsGeneration] ?? '').split(' ');
  const confirmedEmails = emailsReadAt === readAt && TOKEN.test(emails) ? emails : undefined;
  return {
    structure: later(cached[CACHE_KEY.structureChanged], structure) as string,
    content: later(cached[CACHE_KEY.contentChanged], content) as string,
    emails: later(cached[CACHE_KEY.emailsChanged], confirmedEmails),
  };
}

/** When a token was created (its first nine characters, base 36). */
export const tokenTime = (token: string): number => parseInt(token.slice(0, 9), 36);

/**
 * Whether the cache holds a content change announced within `withinMs`: the change trigger, which
 * also sees every edit that onEdit records, then has nothing to add.
 */
export function contentChangedWithin(cached: Record<string, string>, now: number, withinMs: number): boolean {
  const notice = cached[CACHE_KEY.contentChanged];
  return !!notice && TOKEN.test(notice) && now - tokenTime(notice) < withinMs && tokenTime(notice) <= now + withinMs;
}

export function generationsIn(properties: Record<string, string>): Generations | undefined {
  const structure = properties[PROPERTY.structureGeneration];
  const content = properties[PROPERTY.contentGeneration];
  const emails = properties[PROPERTY.emailsGeneration];
  return structure && content ? { structure, content, ...(emails ? { emails } : {}) } : undefined;
}

export function generationProperties(generations: Generations): Record<string, string> {
  const { structure, content, emails } = generations;
  return {
    [PROPERTY.structureGeneration]: structure,
    [PROPERTY.contentGeneration]: content,
    ...(emails ? { [PROPERTY.emailsGeneration]: emails } : {}),
  };
}

/**
 * What a change can affect. `emails`: an email column's cells, so the email index too. A structure
 * change also changes the other two: answers and the index depend on the structure.
 */
export type Change = 'content' | 'emails' | 'structure';

/**
 * Publishes a change: new generations in Script Properties (durable), then, in one cache write, the
 * confirmed copy with them and change notices. When the cache write fails, the confirmed copy is
 * removed so the next lookup reads Script Properties; when that fails too, the change shows once the
 * old copy expires, within a minute. Returns false only in that last case. Callers hold the lock
 * when they can, so changes reach Script Properties in order. `change` may be decided from the
 * Script Properties just read (an edit's kind depends on the configuration kept there).
 *
 * When Script Properties cannot be read or written (their daily quota spent), the change is still
 * announced: notices with new tokens go to the cache for as long as it keeps anything, so lookups,
 * which then use the last confirmed state (config-store.ts), still see it; the error is thrown after.
 */
export function publishChange(
  platform: Platform,
  change: Change | ((properties: Record<string, string>) => Change),
  extraProperties: Record<string, string> = {},
): boolean {
  const { cache, log } = platform;
  const time = platform.now();
  let kind: Change = typeof change === 'string' ? change : 'emails';
  let current: Generations | undefined;
  let readFailure: unknown;
  try {
    const properties = platform.properties.getAll();
    if (typeof change !== 'string') kind = change(properties);
    current = generationsIn(properties);
  } catch (err) {
    readFailure = err;
  }
  const structureChanged = kind === 'structure' || (readFailure === undefined && !current);
  const content = newToken(time, platform.random);
  const notice: Record<string, string> = { [CACHE_KEY.contentChanged]: content };
  if (kind !== 'content' || structureChanged) notice[CACHE_KEY.emailsChanged] = content;
  if (structureChanged) notice[CACHE_KEY.structureChanged] = newToken(time, platform.random);
  const announced = (err: unknown) => {
    bestEffort(log, LOG.cacheWriteFailed, () => cache.putAll(notice, CACHE_MAX_SECONDS));
    return err;
  };
  if (readFailure !== undefined) throw announced(readFailure);
  const generations: Generations = {
    structure: notice[CACHE_KEY.structureChanged] ?? (current as Generations).structure,
    content,
    emails: notice[CACHE_KEY.emailsChanged] ?? current?.emails,
  };
  try {
    platform.properties.setAll({ ...generationProperties(generations), ...extraProperties });
  } catch (err) {
    throw announced(err);
  }
  // Kept as long as the cache keeps anything: lookups trust the copy for a minute after `time`, and
  // use it beyond that only while Script Properties cannot be read. Tokens only grow, so a notice
  // never outlives its truth.
  const write = () => cache.putAll({ ...confirmedEntry(generations, time), ...notice }, CACHE_MAX_SECONDS);
  if (bestEffort(log, LOG.cacheWriteFailed, write)) return true;
  try {
    cache.removeAll([CACHE_KEY.generations, CACHE_KEY.emailsGeneration]);
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
export function recordChange(
  platform: Platform,
  change: Change | ((properties: Record<string, string>) => Change),
  extraProperties: Record<string, string> = {},
): void {
  platform.lock.withLock((locked) => {
    if (!locked) platform.log.warn(LOG.changeWithoutLock);
    publishChange(platform, change, extraProperties);
  });
}
