/**
 * lookup/: answering SnapEngage — the lookup itself, the contact search, the answer text, cached answers and the Lookup log.
 *
 * A contact lookup. The warm path is a single CacheService read; when the cache's copy of the
 * generations or the configuration is missing or old, one Script Properties read under the script
 * lock; when the answer is not cached, a search of the email column(s) (and of the Chats tab, with
 * Chat history on) and one read of the rows found.
 */
import { readAnswer, storedAnswer } from './answer-cache';
import { chatHistory } from '../chats/chats';
import { configMaxAgeMs } from '../state/config';
import { currentState } from '../state/config-store';
import { findVisitor } from './contact-search';
import { checkEmail, MAX_EMAIL_LENGTH, normalizeEmail } from '../request/email';
import { leftOut, renderMatches, renderNoMatch } from './format';
import { writeLookupRecord } from './lookup-log';
import { spreadsheetFull } from '../chats/chat-limits';
import { DAY_MS } from '../tabs/app-tab-log';
import { AGENT, because, LOG } from '../messages';
import { bestEffort } from '../ports';
import { LookupRequest } from '../request/request';
import { CACHE_KEY, CACHE_MAX_SECONDS } from '../state/store-keys';
import { Answer, refusal, WebAppDeps } from '../request/serving';

export function lookUp(request: LookupRequest, deps: WebAppDeps, explain: boolean): Answer {
  const { store } = deps;
  const now = store.now();
  const wanted = request.email === undefined ? '' : normalizeEmail(request.email);
  // The digest is computed for every request, so a wrong key costs the same work as a right one.
  const answerKey = wanted && wanted.length <= MAX_EMAIL_LENGTH ? CACHE_KEY.answer(deps.sha256(wanted)) : '';
  const extraKeys = [CACHE_KEY.lastLookup, CACHE_KEY.logPruned, answerKey].filter(Boolean);
  const { cached, generations, config } = currentState(store, extraKeys);
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
    const visitor = findVisitor(deps.rows(config), contacts.layout, email.email, settings.chatHistory && config.chats);
    const history = chatHistory(visitor.chats);
    const rows = visitor.contacts;
    const text = rows.length
      ? renderMatches(rows, contacts.layout, settings, email.email, history)
      : renderNoMatch(settings, email.email, history);
    answer = { text, matches: rows.length };
    if (explain) explained = leftOut(rows, contacts.layout, settings);
    // An answer never outlives the configuration it was rendered with, so a column hidden without any
    // trigger firing stops reaching agents within Cache minutes.
    const seconds = Math.min(
      settings.cacheMinutes * 60,
      Math.floor((config.builtAt + configMaxAgeMs(settings) - now) / 1000),
    );
    const value = generations && answerKey && seconds > 0 && storedAnswer(generations, email.email, answer);
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
    writeLookupRecord({ ...store, tabs: deps.appTabs(config) }, record, {
      retentionDays: settings.logRetentionDays,
      fullOn: spreadsheetFull(config.cells) ? deps.dayOf(now, config.timeZone) : undefined,
      pruneDue: !(now - Number(cached[CACHE_KEY.logPruned]) < DAY_MS),
    });
  }
  return explain ? { text: answer.text, leftOut: explained } : { text: answer.text };
}
