/**
 * One SnapEngage request in, one plain-text answer out. The warm path is a single CacheService
 * read; when the cache's copy of the generations or the configuration is missing or old, one Script
 * Properties read under the script lock; when the answer is not cached, a search of the email
 * column(s) and one read of the matching rows.
 */
import { CachedAnswer, readAnswer, storedAnswer } from './answer-cache';
import { checkAccessKey, Sha256Hex } from './auth';
import { Config, configMaxAgeMs, readConfig } from './config';
import { loadSharedState, StoreDeps } from './config-store';
import { ContactSource, findContacts } from './contact-search';
import { checkEmail, MAX_EMAIL_LENGTH, normalizeEmail } from './email';
import { LeftOut, leftOut, renderMatches, renderNoMatch } from './format';
import { Generations, readCachedGenerations } from './freshness';
import { Layout } from './layout';
import { AGENT, LOG } from './messages';
import { LookupRequest, parseRequest, WebAppEvent } from './request';
import { CACHE_KEY, CACHE_MAX_SECONDS } from './store-keys';

export interface LookupRecord {
  time: Date;
  caseId: string;
  email: string;
  ip: string;
  url: string;
  matches: number;
}

export interface LookupDeps {
  store: StoreDeps;
  sha256: Sha256Hex;
  build: string;
  contacts(config: Config): ContactSource;
  /** Called for every answered lookup when the Lookup log setting is on; must not throw. */
  recordLookup(record: LookupRecord, config: Config): void;
}

export interface Answer {
  text: string;
  /** With `explain`: what the answer left out (Test a lookup shows it below the answer). */
  leftOut?: LeftOut;
}

interface Computed extends CachedAnswer {
  leftOut: LeftOut;
}

export function answerRequest(event: WebAppEvent | undefined, deps: LookupDeps, explain = false): Answer {
  const parsed = parseRequest(event);
  const { log } = deps.store;
  switch (parsed.kind) {
    case 'invalid':
      log.info(LOG.badRequest);
      return { text: parsed.error };
    case 'refused':
      log.info(LOG.refused);
      return { text: AGENT.refused };
    case 'status':
      return { text: AGENT.status(deps.build) };
    case 'lookup':
      return lookUp(parsed.request, deps, explain);
  }
}

function lookUp(request: LookupRequest, deps: LookupDeps, explain: boolean): Answer {
  const { store } = deps;
  const now = store.now();
  const wanted = request.email === undefined ? '' : normalizeEmail(request.email);
  // The digest is computed for every request, so a wrong key costs the same work as a right one.
  const answerKey = wanted && wanted.length <= MAX_EMAIL_LENGTH ? CACHE_KEY.answer(deps.sha256(wanted)) : undefined;
  let cached: Record<string, string> = {};
  try {
    const keys = [
      CACHE_KEY.generations,
      CACHE_KEY.structureChanged,
      CACHE_KEY.contentChanged,
      CACHE_KEY.config,
      CACHE_KEY.lastLookup,
    ];
    cached = store.cache.getAll(answerKey ? [...keys, answerKey] : keys);
  } catch (err) {
    store.log.warn(LOG.cacheReadFailed(String(err)));
  }
  let generations = readCachedGenerations(cached, now);
  let config = generations && readConfig(cached[CACHE_KEY.config], generations.structure, now);
  // Script Properties, read after the cache, are at least as new as any change notice it held.
  if (!generations || !config) ({ generations, config } = loadSharedState(store));

  const access = checkAccessKey(request.key, config.keyDigest, deps.sha256);
  if (access !== 'ok') {
    store.log.info(access === 'refused' ? LOG.refused : LOG.notSetUp);
    return { text: access === 'refused' ? AGENT.refused : AGENT.setupNeeded };
  }
  const email = checkEmail(request.email);
  if (!email.ok) {
    store.log.info(LOG.badRequest);
    return { text: email.error };
  }
  if ('error' in config.contacts) {
    store.log.error(LOG.notConfigured(config.contacts.error));
    return { text: AGENT.notConfigured };
  }

  // Test a lookup (explain) always reads the sheet, to say what the answer left out.
  const fromCache = explain || !generations ? undefined : readAnswer(cached[answerKey ?? ''], generations, email.email);
  let answer: CachedAnswer;
  let explained: LeftOut | undefined;
  if (fromCache) answer = fromCache;
  else {
    const computed = computeAnswer(email.email, config, config.contacts.layout, deps);
    answer = computed;
    explained = computed.leftOut;
    if (generations && answerKey) cacheAnswer(deps, config, answerKey, generations, email.email, answer);
  }
  store.log.info(LOG.outcome(answer.matches, fromCache !== undefined));
  noteLookupTime(deps, cached[CACHE_KEY.lastLookup]);
  if (config.settings.lookupLog) {
    const { caseId, ip, url } = request;
    deps.recordLookup({ time: new Date(now), caseId, email: email.email, ip, url, matches: answer.matches }, config);
  }
  return explain ? { text: answer.text, leftOut: explained } : { text: answer.text };
}

function computeAnswer(email: string, config: Config, layout: Layout, deps: LookupDeps): Computed {
  const rows = findContacts(deps.contacts(config), layout, email);
  const { settings } = config;
  const text = rows.length > 0 ? renderMatches(rows, layout, settings, email) : renderNoMatch(settings, email);
  return { text, matches: rows.length, leftOut: leftOut(rows, layout, settings) };
}

function cacheAnswer(
  deps: LookupDeps,
  config: Config,
  key: string,
  generations: Generations,
  email: string,
  answer: CachedAnswer,
): void {
  // An answer never outlives the configuration it was rendered with, so a column hidden without any
  // trigger firing stops reaching agents within Cache minutes.
  const configLeft = Math.floor((config.builtAt + configMaxAgeMs(config.settings) - deps.store.now()) / 1000);
  const seconds = Math.min(config.settings.cacheMinutes * 60, configLeft);
  const value = seconds > 0 ? storedAnswer(generations, email, answer) : undefined;
  if (!value) return;
  try {
    deps.store.cache.putAll({ [key]: value }, seconds);
  } catch (err) {
    deps.store.log.warn(LOG.answerNotCached(String(err)));
  }
}

/** Check setup shows when the last lookup happened; kept to the minute so most lookups write nothing. */
const LAST_LOOKUP_RESOLUTION_MS = 60_000;

function noteLookupTime(deps: LookupDeps, previous: string | undefined): void {
  const now = deps.store.now();
  if (previous !== undefined && now - Number(previous) < LAST_LOOKUP_RESOLUTION_MS) return;
  try {
    deps.store.cache.putAll({ [CACHE_KEY.lastLookup]: String(now) }, CACHE_MAX_SECONDS);
  } catch (err) {
    deps.store.log.warn(LOG.cacheWriteFailed(String(err)));
  }
}
