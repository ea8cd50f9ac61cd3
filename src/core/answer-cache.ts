/**
 * What CacheService holds and how it is trusted. Every staff edit writes a new generation token;
 * an answer is reused only if it was computed under the current token, for the same email.
 * Limits: https://developers.google.com/apps-script/reference/cache/cache (keys 250 characters,
 * values 100 KB, at most 21600 s).
 */

export const CACHE_MAX_SECONDS = 21600;
export const CACHE_VALUE_LIMIT_BYTES = 100 * 1024;

/** Keys carry the build, so a new deployment never reads what an older one wrote. */
export function cacheKeys(build: string, emailDigest?: string) {
  return {
    generation: `${build}:gen`,
    config: `${build}:config`,
    lastLookup: `${build}:last-lookup`,
    answer: emailDigest === undefined ? undefined : `${build}:answer:${emailDigest}`,
  };
}

export interface CachedAnswer {
  text: string;
  matches: number;
}

interface AnswerEntry {
  g: string;
  e: string;
  t: string;
  n: number;
}

export function answerEntry(generation: string, email: string, answer: CachedAnswer): string {
  const entry: AnswerEntry = { g: generation, e: email, t: answer.text, n: answer.matches };
  return JSON.stringify(entry);
}

/** The cached answer for `email` under `generation`, or undefined for anything else: stale, foreign or corrupt. */
export function readAnswer(json: string | undefined, generation: string, email: string): CachedAnswer | undefined {
  if (!json || !generation) return undefined;
  let entry: AnswerEntry;
  try {
    entry = JSON.parse(json) as AnswerEntry;
  } catch {
    return undefined;
  }
  if (typeof entry !== 'object' || entry === null) return undefined;
  if (entry.g !== generation || entry.e !== email) return undefined;
  if (typeof entry.t !== 'string' || !Number.isInteger(entry.n) || entry.n < 0) return undefined;
  return { text: entry.t, matches: entry.n };
}

/** Bytes of a string in UTF-8, the unit of CacheService's value limit. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function fitsInCache(value: string): boolean {
  return utf8Length(value) <= CACHE_VALUE_LIMIT_BYTES;
}

/** A fresh generation token; uniqueness, not secrecy, is what matters here. */
export function newGeneration(now: number, random: () => number): string {
  return `${now.toString(36)}.${Math.floor(random() * 2 ** 48).toString(36)}`;
}
