/**
 * One request to the web app in, one plain-text answer out: a health check, a contact lookup from
 * SnapEngage's Get Contact OPEN API, or a finished chat from its Integration API. Bad requests are
 * answered before anything is read; everything else needs the access key first.
 */
import { parseChat } from './chats/chat-payload';
import { chatNotices, recordChat, Recording, writePendingChats } from './chats/chat-recording';
import { cachedDayCount, countToday, dayCountEntry, logOncePerDay, spreadsheetFull } from './chats/chat-limits';
import { hasPendingWork } from './chats/pending-chats';
import { CHAT_COLUMN, CHATS } from './chats/chats';
import { Config } from './state/config';
import { currentState } from './state/config-store';
import { lookUp } from './lookup/lookup';
import { AGENT, because, CHAT, LOG } from './messages';
import { bestEffort } from './ports';
import { parseRequest, WebAppEvent } from './request/request';
import { Answer, refusal, WebAppDeps } from './request/serving';
import { CACHE_KEY, CACHE_MAX_SECONDS, PROPERTY } from './state/store-keys';
import { CHATS_TAB } from './tabs/tabs';

const ANSWER: Record<Recording, string> = {
  recorded: CHAT.recorded,
  alreadyRecorded: CHAT.alreadyRecorded,
  kept: CHAT.kept,
  notKept: CHAT.notKept,
};

/**
 * Chats recorded today: from the cache entry read with the state, else counted in the Chats tab;
 * when even that read fails, the chat is let through (losing it would be worse than one over the cap).
 */
function chatsToday(deps: WebAppDeps, config: Config, entry: string | undefined, today: string): number {
  const cached = cachedDayCount(entry, today);
  if (cached !== undefined) return cached;
  let count = 0;
  bestEffort(deps.store.log, LOG.dayCountFailed, () => {
    const tabs = deps.appTabs(config);
    const last = tabs.prepare(CHATS, false);
    const times = last === undefined ? [] : tabs.column(CHATS_TAB, CHAT_COLUMN.when, 2, last);
    count = countToday(times, deps.store.now(), today, (ms) => deps.dayOf(ms, config.timeZone));
    // Kept, so a flood of refused chats does not read the column each time.
    deps.store.cache.putAll(dayCountEntry(today, count), CACHE_MAX_SECONDS);
  });
  return count;
}

function receiveChat(key: string | undefined, body: Record<string, unknown>, deps: WebAppDeps): string {
  const { store } = deps;
  const { config, cached } = currentState(store, [CACHE_KEY.chatsUntidy, CACHE_KEY.chatsPruned, CACHE_KEY.chatsToday]);
  const refused = refusal(key, config, deps);
  if (refused) return refused;
  const parsed = parseChat(body, store.now());
  if ('error' in parsed) return parsed.error;
  const { settings } = config;
  if (!settings.chatHistory) return CHAT.off;
  const today = deps.dayOf(store.now(), config.timeZone);
  if (spreadsheetFull(config.cells)) {
    logOncePerDay(store.cache, store.log, 'chats-full', today, LOG.spreadsheetFull(CHATS_TAB));
    return CHAT.spreadsheetFull;
  }
  const limit = settings.chatsPerDay;
  const count = limit > 0 ? chatsToday(deps, config, cached[CACHE_KEY.chatsToday], today) : 0;
  if (limit > 0 && count >= limit) {
    logOncePerDay(store.cache, store.log, 'chats-per-day', today, LOG.overDailyLimit(limit));
    return CHAT.overDailyLimit(limit);
  }
  const tabs = deps.appTabs(config);
  const notices = chatNotices(cached, store.now());
  const recording = recordChat({ platform: store, tabs, sha256: deps.sha256 }, parsed.chat, settings, notices);
  if (limit > 0 && recording !== 'alreadyRecorded' && recording !== 'notKept') {
    bestEffort(store.log, LOG.cacheWriteFailed, () =>
      store.cache.putAll(dayCountEntry(today, count + 1), CACHE_MAX_SECONDS),
    );
  }
  return ANSWER[recording];
}

function answerChat(key: string | undefined, body: Record<string, unknown>, deps: WebAppDeps): string {
  const answer = receiveChat(key, body, deps);
  deps.store.log.info(because(LOG.chat, answer));
  return answer;
}

/**
 * Runs the request; when it read Script Properties (lookups confirm their state about once a minute)
 * and they show chats waiting to be written, writes them afterwards. Nothing waiting costs nothing.
 */
function withPendingChats(deps: WebAppDeps, answer: (deps: WebAppDeps) => Answer): Answer {
  let seen: Record<string, string> | undefined;
  const onLoad = deps.store.onLoad;
  const store = {
    ...deps.store,
    onLoad(properties: Record<string, string>) {
      seen = properties;
      onLoad?.(properties);
    },
  };
  const result = answer({ ...deps, store });
  if (seen && seen[PROPERTY.spreadsheetId] && hasPendingWork(seen)) {
    const properties = seen;
    bestEffort(store.log, LOG.pendingFailed, () =>
      writePendingChats(
        store,
        () => deps.appTabs({ spreadsheetId: properties[PROPERTY.spreadsheetId] ?? '' }),
        properties,
      ),
    );
  }
  return result;
}

export function answerRequest(event: WebAppEvent | undefined, deps: WebAppDeps, explain = false): Answer {
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
    case 'chat':
      return withPendingChats(deps, (d) => ({ text: answerChat(parsed.key, parsed.body, d) }));
    case 'lookup':
      return withPendingChats(deps, (d) => lookUp(parsed.request, d, explain));
  }
}
