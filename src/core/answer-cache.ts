/**
 * Cached answers: each one is stored with the generations it was computed under and the email it is
 * for, and is used again only under those same generations, for that same email.
 */
import { Generations } from './freshness';
import { CACHE_VALUE_LIMIT_BYTES, utf8Length } from './store-keys';

export interface CachedAnswer {
  text: string;
  matches: number;
}

interface StoredAnswer extends CachedAnswer {
  structureGeneration: string;
  contentGeneration: string;
  email: string;
}

/** The cache value for an answer, or undefined when it is over CacheService's value limit. */
export function storedAnswer(generations: Generations, email: string, answer: CachedAnswer): string | undefined {
  const stored: StoredAnswer = {
    structureGeneration: generations.structure,
    contentGeneration: generations.content,
    email,
    text: answer.text,
    matches: answer.matches,
  };
  const json = JSON.stringify(stored);
  return utf8Length(json) <= CACHE_VALUE_LIMIT_BYTES ? json : undefined;
}

/** The cached answer for `email` under `generations`, or undefined for anything else: stale, foreign or corrupt. */
export function readAnswer(
  json: string | undefined,
  generations: Generations,
  email: string,
): CachedAnswer | undefined {
  if (!json) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const stored = value as Partial<StoredAnswer>;
  if (stored.structureGeneration !== generations.structure || stored.contentGeneration !== generations.content) {
    return undefined;
  }
  if (stored.email !== email || typeof stored.text !== 'string') return undefined;
  if (typeof stored.matches !== 'number' || !Number.isInteger(stored.matches) || stored.matches < 0) return undefined;
  return { text: stored.text, matches: stored.matches };
}
