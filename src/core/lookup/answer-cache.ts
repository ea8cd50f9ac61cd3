/**
 * Cached answers: each one is stored with the generations it was computed under, the email it is
 * for and the visitor's chat token read before it was computed, and is used again only under those
 * same generations, for that same email, while that token is still the visitor's.
 *
 * A chat makes only its own visitor's next lookup fresh, in CacheService alone (no Script
 * Properties call): it writes a new chat token for the visitor, then removes their answer.
 * - A lookup computing while the chat is recorded stores an answer under the token it read before
 *   the chat's; the chat's token no longer matches it, so the next lookup computes again.
 * - Google may drop entries early. A lost token reads as none: an answer stored under an earlier
 *   token stops matching, and one stored under none was removed by the chat, unless a lookup
 *   computing concurrently stored it after that removal; such a lookup reads the token again after
 *   storing and removes its own answer when a chat came meanwhile.
 * - When the token cannot be written, the chat publishes a content change instead (chats.ts).
 * Every build reads and writes the same entries (their names carry no build), so deployments on
 * several builds see each other's chats; an older build that knows no token still finds the
 * visitor's answer removed.
 */
import { Generations, newToken } from '../state/freshness';
import { LOG } from '../messages';
import { bestEffort, CachePort, Platform } from '../ports';
import {
  CACHE_KEY,
  CACHE_MAX_SECONDS,
  CACHE_VALUE_LIMIT_BYTES,
  parseStoredObject,
  utf8Length,
} from '../state/store-keys';

/** Beyond Cache minutes, for a lookup that was computing while the chat was recorded. */
const TOKEN_MARGIN_SECONDS = 60;

export interface CachedAnswer {
  text: string;
  matches: number;
}

/** The cache value for an answer, or undefined when it is over CacheService's value limit. */
export function storedAnswer(
  generations: Generations,
  email: string,
  chatToken: string,
  answer: CachedAnswer,
): string | undefined {
  const json = JSON.stringify({ ...generations, email, chat: chatToken, ...answer });
  return utf8Length(json) <= CACHE_VALUE_LIMIT_BYTES ? json : undefined;
}

/**
 * The cached answer for `email` under `generations` and the visitor's current chat token ('' for
 * none), or undefined for anything else: stale, foreign or corrupt. An answer an older build stored
 * has no token and counts as computed under none.
 */
export function readAnswer(
  json: string | undefined,
  generations: Generations,
  email: string,
  chatToken: string,
): CachedAnswer | undefined {
  const stored = parseStoredObject(json) ?? {};
  const { text, matches } = stored;
  const same =
    stored.structure === generations.structure &&
    stored.content === generations.content &&
    stored.email === email &&
    (stored.chat ?? '') === chatToken;
  return same && typeof text === 'string' && Number.isInteger(matches) && (matches as number) >= 0
    ? { text, matches: matches as number }
    : undefined;
}

/**
 * After a chat of the visitor whose email digest this is: a new chat token, then their answer
 * removed. Throws when the token could not be written; a failed removal only leaves the token to
 * do the work.
 */
export function outdateAnswer(platform: Platform, emailDigest: string, cacheMinutes: number): void {
  const token = newToken(platform.now(), platform.random);
  // The token must outlive an answer a lookup computing meanwhile stores under the earlier token:
  // answers last at most Cache minutes. Kept no longer, tokens leave CacheService's 1,000 items to answers.
  const seconds = Math.min(CACHE_MAX_SECONDS, cacheMinutes * 60 + TOKEN_MARGIN_SECONDS);
  platform.cache.putAll({ [CACHE_KEY.chatToken(emailDigest)]: token }, seconds);
  // The new token already makes the stored answer unusable; only an early loss of the token would not.
  bestEffort(platform.log, LOG.cacheWriteFailed, () => platform.cache.removeAll([CACHE_KEY.answer(emailDigest)]));
}

/**
 * Run by a lookup right after it stored an answer computed under no chat token: if a chat has
 * written one since, the answer may predate the chat, so it is removed rather than left to a token
 * that Google may drop.
 */
export function recheckChatToken(cache: CachePort, emailDigest: string): void {
  const tokenKey = CACHE_KEY.chatToken(emailDigest);
  if (cache.getAll([tokenKey])[tokenKey]) cache.removeAll([CACHE_KEY.answer(emailDigest)]);
}
