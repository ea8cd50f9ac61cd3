/**
 * One SnapEngage request in, one plain-text answer out. The warm path is a single CacheService
 * read; the cold path adds one Script Properties read and a literal search of the email column(s).
 */
import { answerEntry, CACHE_MAX_SECONDS, cacheKeys, fitsInCache, newGeneration, readAnswer } from './answer-cache';
import { checkAccessKey, Sha256Hex } from './auth';
import { Config, readConfig } from './config';
import { ConfigStore, loadConfig } from './config-store';
import { ContactSource, findContacts } from './contact-search';
import { checkEmail, MAX_EMAIL_LENGTH, normalizeEmail } from './email';
import { renderMatches, renderNoMatch } from './format';
import { AGENT, LOG } from './messages';
import { parseRequest, WebAppEvent } from './request';

export interface LookupRecord {
  time: Date;
  caseId: string;
  email: string;
  ip: string;
  url: string;
  matches: number;
}

export interface WebAppDeps {
  store: ConfigStore;
  sha256: Sha256Hex;
  random(): number;
  contacts(config: Config): ContactSource;
  /** Called for every answered lookup when the Lookup log setting is on; must not throw. */
  recordLookup(record: LookupRecord, config: Config): void;
}

/** The answer text for an email, from the sheet; also what Test a lookup shows. */
export function lookUp(
  email: string,
  config: Config,
  deps: Pick<WebAppDeps, 'contacts' | 'store'>,
): { text: string; matches: number } {
  const layout = config.layout!;
  const rows = findContacts(deps.contacts(config), layout, email, deps.store.log);
  const text =
    rows.length > 0 ? renderMatches(rows, layout, config.settings, email) : renderNoMatch(config.settings, email);
  return { text, matches: rows.length };
}

/** What a deployment says about itself without a key: that it runs, and which build. No data, no service call. */
export function statusText(build: string): string {
  return AGENT.status(build);
}

export function answerRequest(event: WebAppEvent | undefined, deps: WebAppDeps): string {
  const parsed = parseRequest(event);
  if (!parsed.ok) {
    deps.store.log.info(LOG.badRequest);
    return parsed.error;
  }
  const request = parsed.request;
  const { store } = deps;
  if (request.status) return statusText(store.build);

  const wanted = request.email === undefined ? '' : normalizeEmail(request.email);
  const keys = cacheKeys(store.build, wanted && wanted.length <= MAX_EMAIL_LENGTH ? deps.sha256(wanted) : undefined);
  let cached: Record<string, string> = {};
  try {
    cached = store.cache.getAll([keys.generation, keys.config, keys.lastLookup, ...(keys.answer ? [keys.answer] : [])]);
  } catch (err) {
    store.log.warn(LOG.cacheReadFailed(String(err)));
  }

  const config = readConfig(cached[keys.config], store.build, store.now()) ?? loadConfig(store);
  const access = checkAccessKey(request.key, config.keyDigest, deps.sha256);
  if (access !== 'ok') {
    store.log.info(access === 'refused' ? LOG.refused : LOG.notSetUp);
    return access === 'refused' ? AGENT.refused : AGENT.setupNeeded;
  }

  const email = checkEmail(request.email);
  if (!email.ok) {
    store.log.info(LOG.badRequest);
    return email.error;
  }
  if (config.error || !config.layout) {
    store.log.error(LOG.notConfigured(config.error ?? 'no layout'));
    return AGENT.notConfigured;
  }

  let answer = readAnswer(keys.answer ? cached[keys.answer] : undefined, cached[keys.generation], email.email);
  const fromCache = answer !== undefined;
  if (!answer) {
    // A missing generation is started before the sheet is read, so an edit landing during this
    // lookup always writes a newer one and this answer cannot outlive it.
    const generation = cached[keys.generation] || startGeneration(deps, keys.generation);
    answer = lookUp(email.email, config, deps);
    cacheAnswer(deps, config, keys.answer, generation, email.email, answer);
  }
  store.log.info(LOG.outcome(answer.matches, fromCache));
  noteLookupTime(deps, keys.lastLookup, cached[keys.lastLookup]);
  if (config.settings.lookupLog) {
    deps.recordLookup(
      {
        time: new Date(store.now()),
        caseId: request.caseId,
        email: email.email,
        ip: request.ip,
        url: request.url,
        matches: answer.matches,
      },
      config,
    );
  }
  return answer.text;
}

function startGeneration(deps: WebAppDeps, key: string): string | undefined {
  const generation = newGeneration(deps.store.now(), deps.random);
  try {
    deps.store.cache.put(key, generation, CACHE_MAX_SECONDS);
    return generation;
  } catch (err) {
    deps.store.log.warn(LOG.answerNotCached(String(err)));
    return undefined;
  }
}

function cacheAnswer(
  deps: WebAppDeps,
  config: Config,
  key: string | undefined,
  generation: string | undefined,
  email: string,
  answer: { text: string; matches: number },
): void {
  if (!key || !generation || config.settings.cacheMinutes === 0) return;
  const entry = answerEntry(generation, email, answer);
  if (!fitsInCache(entry)) return;
  try {
    deps.store.cache.put(key, entry, config.settings.cacheMinutes * 60);
  } catch (err) {
    deps.store.log.warn(LOG.answerNotCached(String(err)));
  }
}

/** Check setup shows when the last lookup happened; kept to the minute so most lookups write nothing. */
const LAST_LOOKUP_RESOLUTION_MS = 60_000;

function noteLookupTime(deps: WebAppDeps, key: string, previous: string | undefined): void {
  const now = deps.store.now();
  if (previous !== undefined && now - Number(previous) < LAST_LOOKUP_RESOLUTION_MS) return;
  try {
    deps.store.cache.put(key, String(now), CACHE_MAX_SECONDS);
  } catch (err) {
    deps.store.log.warn(LOG.cacheWriteFailed(String(err)));
  }
}
