/**
 * lookup/: answering SnapEngage — the lookup itself, the contact search, the answer text, cached answers and the Lookup log.
 *
 * A contact lookup. The warm path is a single CacheService read; when the cache's copy of the
 * generations or the configuration is missing or old, one Script Properties read under the script
 * lock; when the answer is not cached, the rows the email index names (read in the same cache call),
 * or one read of the email column(s) that rebuilds the index, then one read of the rows found (with
 * Chat history on, the Chats tab is searched too).
 */
import { readAnswer, storedAnswer } from './answer-cache';
import { chatHistory } from '../chats/chats';
import { configMaxAgeMs } from '../state/config';
import { currentState } from '../state/config-store';
import { ContactIndex, findVisitor } from './contact-search';
import { buildIndex, indexedRows, indexKeys, usableHead } from './email-index';
import { checkEmail, MAX_EMAIL_LENGTH, normalizeEmail } from '../request/email';
import { leftOut, renderMatches, renderNoMatch } from './format';
import { writeLookupRecord } from './lookup-log';
import { AGENT, because, LOG } from '../messages';
import { bestEffort, Platform } from '../ports';
import { newToken } from '../state/freshness';
import { Layout } from '../state/layout';
import { sheetsApiResting } from '../state/sheets-api-rest';
import { LookupRequest } from '../request/request';
import { CACHE_KEY, CACHE_MAX_SECONDS } from '../state/store-keys';
import { Answer, refusal, WebAppDeps } from '../request/serving';

export function lookUp(request: LookupRequest, deps: WebAppDeps, explain: boolean): Answer {
  const { store } = deps;
  const now = store.now();
  const wanted = request.email === undefined ? '' : normalizeEmail(request.email);
  // The digest is computed for every request, so a wrong key costs the same work as a right one.
  const valid = wanted && wanted.length <= MAX_EMAIL_LENGTH;
  const answerKey = valid ? CACHE_KEY.answer(deps.sha256(wanted)) : '';
  const keys = [CACHE_KEY.lastLookup, CACHE_KEY.sheetsApiRest, ...(valid ? [answerKey, ...indexKeys(wanted)] : [])];
  const { cached, generations, config, lastConfirmed } = currentState(store, keys);
  const refused = refusal(request.key, config, deps);
  if (refused) return { text: refused };
  const email = checkEmail(request.email);
  if (!email.ok) {
    store.log.info(LOG.badRequest);
    return { text: email.error };
  }
  const { contacts, settings } = config;
  if ('error' in contacts) {
    store.log.error(because(LOG.notConfigured, contacts.error));
    return { text: AGENT.notConfigured };
  }

  // Test a lookup (explain) always reads the sheet, to say what the answer left out.
  const fromCache = explain || !generations ? undefined : readAnswer(cached[answerKey], generations, email.email);
  let answer = fromCache;
  let explained: string[] | undefined;
  if (!answer) {
    const rows = deps.rows(config, sheetsApiResting(cached[CACHE_KEY.sheetsApiRest], now));
    // The index is kept only under generations confirmed now, and never with answer caching off.
    const index = contactIndex(store, cached, email.email, contacts.layout, {
      emails: generations?.emails,
      maxAgeMs: settings.cacheMinutes * 60_000,
      keep: !lastConfirmed,
    });
    const visitor = findVisitor(rows, contacts.layout, email.email, settings.chatHistory && config.chats, index);
    const history = chatHistory(visitor.chats);
    const found = visitor.contacts;
    const text = found.length
      ? renderMatches(found, contacts.layout, settings, email.email, history)
      : renderNoMatch(settings, email.email, history);
    answer = { text, matches: found.length };
    if (explain) explained = leftOut(found, contacts.layout, settings);
    // An answer never outlives the configuration it was rendered with, so a column hidden without any
    // trigger firing stops reaching agents within Cache minutes.
    const seconds = Math.min(
      settings.cacheMinutes * 60,
      Math.floor((config.builtAt + configMaxAgeMs(settings) - now) / 1000),
    );
    const value =
      generations && !lastConfirmed && answerKey && seconds > 0 && storedAnswer(generations, email.email, answer);
    if (value) bestEffort(store.log, LOG.cacheWriteFailed, () => store.cache.putAll({ [answerKey]: value }, seconds));
  }
  store.log.info(LOG.outcome(answer.matches, fromCache !== undefined));
  // Check setup shows when the last lookup happened; kept to the minute so most lookups write nothing.
  if (!(now - Number(cached[CACHE_KEY.lastLookup]) < 60_000)) {
    bestEffort(store.log, LOG.cacheWriteFailed, () =>
      store.cache.putAll({ [CACHE_KEY.lastLookup]: String(now) }, CACHE_MAX_SECONDS),
    );
  }
  if (settings.lookupLog) {
    const { caseId, ip, url } = request;
    const record = { time: new Date(now), caseId, email: email.email, ip, url, matches: answer.matches };
    writeLookupRecord({ ...store, tabs: deps.appTabs(config) }, record, settings.logRetentionDays);
  }
  return explain ? { text: answer.text, leftOut: explained } : { text: answer.text };
}

/**
 * The email index for this lookup: its rows for the email when the head read with the answer is
 * usable (same emails generation and columns, younger than Cache minutes) and the email's shard is
 * there; a fresh index kept after the lookup reads the email columns.
 */
function contactIndex(
  store: Platform,
  cached: Record<string, string>,
  email: string,
  layout: Layout,
  validity: { emails: string | undefined; maxAgeMs: number; keep: boolean },
): ContactIndex {
  const now = store.now();
  const { emails, maxAgeMs } = validity;
  const head = maxAgeMs > 0 ? usableHead(cached[CACHE_KEY.indexHead], emails, layout, now, maxAgeMs) : undefined;
  return {
    indexed: head && indexedRows(head, cached, email),
    keep(columns) {
      if (!emails || !validity.keep || maxAgeMs <= 0) return;
      const id = newToken(now, store.random);
      const built = buildIndex(columns, {
        id,
        emails,
        builtAt: now,
        tab: layout.tab,
        emailColumns: layout.emailColumns,
      });
      if (!built) return store.log.warn(LOG.indexNotKept);
      // Longer-lived than any answer, so that when the cache is full Google drops answers first;
      // trusted for Cache minutes only (usableHead).
      if (bestEffort(store.log, LOG.cacheWriteFailed, () => store.cache.putAll(built.entries, CACHE_MAX_SECONDS)))
        store.log.info(LOG.indexBuilt(built.head.shards));
    },
  };
}
