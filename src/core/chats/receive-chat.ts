/**
 * A finished chat from SnapEngage's Integration API: the key, the payload, Chat history on, the caps
 * (the spreadsheet's cells, Chats per day), then recording (chat-recording.ts); the answer says what
 * happened.
 */
import { parseChat } from './chat-payload';
import { chatNotices, recordChat, Recording } from './chat-recording';
import { cachedDayCount, countToday, dayCountEntry, logOncePerDay, spreadsheetFull } from './chat-limits';
import { CHAT_COLUMN, CHATS } from './chats';
import { Config } from '../state/config';
import { currentState } from '../state/config-store';
import { CHAT, LOG, REQUEST } from '../messages';
import { differingRepeat, JsonMember } from '../request/json-scan';
import { bestEffort } from '../ports';
import { refusal, WebAppDeps } from '../request/serving';
import { CACHE_KEY, CACHE_MAX_SECONDS } from '../state/store-keys';
import { CHATS_TAB } from '../tabs/tabs';

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

/**
 * The chat's body is parsed only once its key is known to be right; the request's scan (json-scan.ts)
 * already bounded how deep it nests and listed its members.
 */
export function receiveChat(key: string | undefined, members: JsonMember[], body: string, deps: WebAppDeps): string {
  const { store } = deps;
  const { config, cached } = currentState(store, [CACHE_KEY.chatsUntidy, CACHE_KEY.chatsPruned, CACHE_KEY.chatsToday]);
  const refused = refusal(key, config, deps);
  if (refused) return refused;
  const repeated = differingRepeat(members);
  if (repeated) return REQUEST.repeated(repeated);
  const parsed = parseChat(JSON.parse(body) as Record<string, unknown>, store.now());
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
