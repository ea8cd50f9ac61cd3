/**
 * Cached answers: each one is stored with the generations it was computed under and the email it is
 * for, and is used again only under those same generations, for that same email.
 */
import { Generations } from '../state/freshness';
import { CACHE_VALUE_LIMIT_BYTES, parseStoredObject, utf8Length } from '../state/store-keys';

export interface CachedAnswer {
  text: string;
  matches: number;
}

/** The cache value for an answer, or undefined when it is over CacheService's value limit. */
export function storedAnswer(generations: Generations, email: string, answer: CachedAnswer): string | undefined {
  const json = JSON.stringify({ ...generations, email, ...answer });
  return utf8Length(json) <= CACHE_VALUE_LIMIT_BYTES ? json : undefined;
}

/** The cached answer for `email` under `generations`, or undefined for anything else: stale, foreign or corrupt. */
export function readAnswer(
  json: string | undefined,
  generations: Generations,
  email: string,
): CachedAnswer | undefined {
  const stored = parseStoredObject(json) ?? {};
  const { text, matches } = stored;
  const same =
    stored.structure === generations.structure && stored.content === generations.content && stored.email === email;
  return same && typeof text === 'string' && Number.isInteger(matches) && (matches as number) >= 0
    ? { text, matches: matches as number }
    : undefined;
}
