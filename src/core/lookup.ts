/**
 * A contact lookup. The warm path is a single CacheService read; when the cache's copy of the
 * generations or the configuration is missing or old, one Script Properties read under the script
 * lock; when the answer is not cached, a search of the email column(s) (and of the Chats tab, with
 * Chat history on) and one read of the rows found.
 */
import { CachedAnswer, readAnswer, storedAnswer } from './answer-cache';
import { chatHistory } from './chats';
import { Config, configMaxAgeMs } from './config';
import { currentState } from './config-store';
import { findVisitor } from './contact-search';
import { checkEmail, MAX_EMAIL_LENGTH, normalizeEmail } from './email';
import { LeftOut, leftOut, renderMatches, renderNoMatch } from './format';
import { Generations } from './freshness';
import { Layout } from './layout';
import { writeLookupRecord } from './lookup-log';
import { AGENT, LOG } from './messages';
import { LookupRequest } from './request';
import { CACHE_KEY, CACHE_MAX_SECONDS } from './store-keys';
import { Answer, refusal, WebAppDeps } from './serving';

export interface LookupRecord {
  time: Date;
  caseId: string;
  email: string;
  ip: string;
  url: string;
  matches: number;
}

export function lookUp(request: LookupRequest, deps: WebAppDeps, explain: boolean): Answer {
  const { store } = deps;
  const now = store.now();
  const wanted = request.email === undefined ? '' : normalizeEmail(request.email);
  // The digest is computed for every request, so a wrong key costs the same work as a right one.
  const answerKey = wanted && wanted.length <= MAX_EMAIL_LENGTH ? CACHE_KEY.answer(deps.sha256(wanted)) : '';
  const { cached, generations, config } = currentState(store, [
    CACHE_KEY.lastLookup,
    ...(answerKey ? [answerKey] : []),
  ]);
  const refused = refusal(request.key, config, deps);
  if (refused) return { text: refused };
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
  const fromCache = explain || !generations ? undefined : readAnswer(cached[answerKey], generations, email.email);
  let answer: CachedAnswer | undefined = fromCache;
  let explained: LeftOut | undefined;
  if (!answer) {
    ({ answer, explained } = computeAnswer(email.email, config, config.contacts.layout, deps));
    if (generations && answerKey) cacheAnswer(deps, config, answerKey, generations, email.email, answer);
  }
  store.log.info(LOG.outcome(answer.matches, fromCache !== undefined));
  noteLookupTime(deps, cached[CACHE_KEY.lastLookup]);
  if (config.settings.lookupLog) {
    const { caseId, ip, url } = request;
    const record = { time: new Date(now), caseId, email: email.email, ip, url, matches: answer.matches };
    writeLookupRecord({ ...store, tabs: deps.appTabs(config) }, record, config.settings.logRetentionDays);
  }
  return explain ? { text: answer.text, leftOut: explained } : { text: answer.text };
}

function computeAnswer(email: string, config: Config, layout: Layout, deps: WebAppDeps) {
  const { settings } = config;
  const visitor = findVisitor(deps.rows(config), layout, email, settings.chatHistory && config.chats);
  const history = chatHistory(visitor.chats);
  const rows = visitor.contacts;
  const text =
    rows.length > 0 ? renderMatches(rows, layout, settings, email, history) : renderNoMatch(settings, email, history);
  return { answer: { text, matches: rows.length }, explained: leftOut(rows, layout, settings) };
}

function cacheAnswer(
  deps: WebAppDeps,
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

function noteLookupTime(deps: WebAppDeps, previous: string | undefined): void {
  const now = deps.store.now();
  if (previous !== undefined && now - Number(previous) < LAST_LOOKUP_RESOLUTION_MS) return;
  try {
    deps.store.cache.putAll({ [CACHE_KEY.lastLookup]: String(now) }, CACHE_MAX_SECONDS);
  } catch (err) {
    deps.store.log.warn(LOG.cacheWriteFailed(String(err)));
  }
}
