/**
 * lookup/: answering SnapEngage — the lookup itself, the contact search, the answer text, cached answers and the Lookup log.
 *
 * A contact lookup. The warm path is a single CacheService read; when the cache's copy of the
 * generations or the configuration is missing or old, one Script Properties read under the script
 * lock; when the answer is not cached, the rows the email index names (read in the same cache call),
 * or one read of the email column(s) that rebuilds the index, then one read of the rows found (with
 * Chat history on, the Chats tab is searched too).
 */
import { readAnswer, recheckChatToken, storedAnswer } from './answer-cache';
import { configMaxAgeMs } from '../state/config';
import { currentState } from '../state/config-store';
import { ContactIndex, findVisitor } from './contact-search';
import { buildIndex, indexedRows, indexKeys, usableHead } from './email-index';
import { checkEmail } from '../request/email';
import { leftOut, renderMatches, renderNoMatch } from './format';
import { writeLookupRecord } from './lookup-log';
import { spreadsheetFull } from '../chats/chat-limits';
import { DAY_MS } from '../tabs/app-tab-log';
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
  const email = checkEmail(request.email);
  // The digest is computed for every request, so a wrong key costs the same work as a right one.
  const digest = email.ok ? deps.sha256(email.email) : '';
  const answerKey = digest && CACHE_KEY.answer(digest);
  const tokenKey = digest && CACHE_KEY.chatToken(digest);
  const keys: string[] = [CACHE_KEY.lastLookup, CACHE_KEY.sheetsApiRest, CACHE_KEY.logPruned];
  if (email.ok) keys.push(answerKey, tokenKey, ...indexKeys(email.email));
  const { cached, generations, config, lastConfirmed, rebuilt } = currentState(store, keys);
  const refused = refusal(request.key, config, deps);
  if (refused) return { text: refused };
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
  const chatToken = cached[tokenKey] ?? '';
  const fromCache =
    explain || !generations ? undefined : readAnswer(cached[answerKey], generations, email.email, chatToken);
  let answer = fromCache;
  let explained: string[] | undefined;
  if (!answer) {
    const withChats = settings.chatHistory && config.chats;
    const { layout } = contacts;
    const source = deps.rows(config, sheetsApiResting(cached[CACHE_KEY.sheetsApiRest], now));
    // The index is kept only under generations confirmed now, and never with answer caching off.
    const index = contactIndex(store, cached, email.email, layout, {
      emails: generations?.emails,
      maxAgeMs: settings.cacheMinutes * 60_000,
      rebuilt: Boolean(rebuilt),
      confirmed: !lastConfirmed,
    });
    const visitor = findVisitor(source, layout, email.email, settings.maxMatches, withChats, index);
    const { contacts: rows, matches, history } = visitor;
    const text = rows.length
      ? renderMatches(rows, layout, settings, email.email, history, matches)
      : renderNoMatch(settings, email.email, history);
    answer = { text, matches };
    if (explain) explained = leftOut(rows, layout, settings, matches);
    // An answer never outlives the configuration it was rendered with, so a column hidden without any
    // trigger firing stops reaching agents within Cache minutes.
    const seconds = Math.min(
      settings.cacheMinutes * 60,
      Math.floor((config.builtAt + configMaxAgeMs(settings) - now) / 1000),
    );
    // Under a state not confirmed now (Script Properties unreadable), answers are not kept.
    const value =
      generations && !lastConfirmed && seconds > 0 && storedAnswer(generations, email.email, chatToken, answer);
    const stored =
      value && bestEffort(store.log, LOG.cacheWriteFailed, () => store.cache.putAll({ [answerKey]: value }, seconds));
    // Stored under no chat token, the answer may predate a chat recorded meanwhile (answer-cache.ts).
    if (stored && withChats && !chatToken)
      bestEffort(store.log, LOG.cacheWriteFailed, () => recheckChatToken(store.cache, digest));
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

/**
 * The email index for this lookup: its rows for the email when the head read with the answer is
 * usable (same emails generation and columns, younger than Cache minutes) and the email's shard is
 * there; `keep` when this lookup may build a fresh one from a read of the email columns.
 */
function contactIndex(
  store: Platform,
  cached: Record<string, string>,
  email: string,
  layout: Layout,
  validity: { emails: string | undefined; maxAgeMs: number; rebuilt: boolean; confirmed: boolean },
): ContactIndex {
  const now = store.now();
  const { emails, maxAgeMs } = validity;
  const kept = cached[CACHE_KEY.indexHead];
  const head = maxAgeMs > 0 ? usableHead(kept, emails, layout, now, maxAgeMs) : undefined;
  const indexed = head && indexedRows(head, cached, email);
  // Built once per configuration (by the lookup that rebuilt it), and again when an index is there but
  // outdated (an email edited, the columns changed): a read of the email columns, under generations
  // confirmed now. An index the cache lost (evicted, cleared) waits for the next configuration: until
  // then lookups search, which reads only the rows found.
  const mayBuild = validity.rebuilt || (kept !== undefined && !head);
  if (!emails || !validity.confirmed || !mayBuild || maxAgeMs <= 0) return { indexed };
  return {
    indexed,
    keep(columns) {
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
