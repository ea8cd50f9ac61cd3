/**
 * Recording a chat so that it ends up in the Chats tab exactly once, whatever single service fails.
 * SnapEngage cannot be made to resend (every Apps Script answer is a 200 after a redirect) and may
 * resend anyway, so:
 * - lock free: the case ID is looked for and the row appended under the script lock (flushed before
 *   the lock is released);
 * - lock still busy after the wait: the row is appended without it, in one appendRow call that cannot
 *   overwrite another row; a duplicate this may make is ignored by lookups (they count case IDs) and
 *   removed by the next locked write, which a notice in the cache and in Script Properties asks for;
 * - the sheet write throws: the chat is kept in Script Properties (pending-chats.ts) and written by
 *   the next execution that reads Script Properties anyway, or by the 15-minute trigger;
 * - that fails too: the case ID (never personal data) goes to the execution log.
 * The common path (lock free, write succeeds) makes no Script Properties call of its own.
 */
import { outdateAnswer } from '../lookup/answer-cache';
import { Sha256Hex } from '../request/auth';
import { because, LOG } from '../messages';
import { AppTabs, bestEffort, CellValue, Platform } from '../ports';
import { publishChange } from '../state/freshness';
import { Settings } from '../state/settings';
import { CACHE_KEY, CACHE_MAX_SECONDS, PROPERTY, utf8Length } from '../state/store-keys';
import { appendPruned, DAY_MS } from '../tabs/app-tab-log';
import { CHATS_TAB } from '../tabs/tabs';
import { ChatRecord } from './chat-payload';
import { CHAT_COLUMN, chatRow, CHATS } from './chats';
import {
  decodePending,
  encodePending,
  isPendingKey,
  PENDING_MAX_BYTES,
  pendingBytes,
  pendingKey,
} from './pending-chats';

export interface ChatDeps {
  platform: Platform;
  tabs: AppTabs;
  sha256: Sha256Hex;
}

/** What happened to a chat, said truthfully in the answer. */
export type Recording = 'recorded' | 'alreadyRecorded' | 'kept' | 'notKept';

/**
 * Removes rows whose case ID an upper row already has, bottom-up, each row's case ID read again
 * just before it goes (staff may sort the tab meanwhile; only a row still holding a case that has
 * another copy is deleted). Returns the case IDs in the tab. The caller holds the script lock.
 */
export function removeDuplicateCases(tabs: AppTabs): Set<string> {
  const last = tabs.prepare(CHATS, true) ?? 1;
  const ids = tabs.column(CHATS_TAB, CHAT_COLUMN.caseId, 2, last).map(String);
  const extra = new Map<string, number>();
  const seen = new Set<string>();
  const duplicates: number[] = [];
  ids.forEach((id, i) => {
    if (id === '') return;
    if (seen.has(id)) {
      duplicates.push(i + 2);
      extra.set(id, (extra.get(id) ?? 0) + 1);
    } else seen.add(id);
  });
  for (const row of duplicates.reverse()) {
    const id = String(tabs.column(CHATS_TAB, CHAT_COLUMN.caseId, row, row)[0] ?? '');
    const left = extra.get(id) ?? 0;
    if (left > 0) {
      tabs.deleteRows(CHATS_TAB, row, 1);
      extra.set(id, left - 1);
    }
  }
  return seen;
}

/** After new rows of many visitors (or of a visitor not known here): every lookup reads afresh. */
function announce(platform: Platform, newTab: boolean): void {
  bestEffort(platform.log, LOG.changeNotPublished, () => publishChange(platform, newTab ? 'structure' : 'content'));
}

/**
 * After the visitor's new row (the app's own writes fire no trigger): in the cache alone when it can
 * (answer-cache.ts: no Script Properties call), with a change in Script Properties when the tab is
 * new (a change of structure: lookups learn there is history to search), when old chats were pruned
 * (other visitors' counts change), or when the cache cannot be written.
 */
function announceChat(deps: ChatDeps, chat: ChatRecord, settings: Settings, newTab: boolean, pruned: number): void {
  const { platform, sha256 } = deps;
  if (newTab || pruned > 0) return announce(platform, newTab);
  // A chat without an email is in nobody's history.
  if (!chat.email) return;
  const outdated = bestEffort(platform.log, LOG.cacheWriteFailed, () =>
    outdateAnswer(platform, sha256(chat.email), settings.cacheMinutes),
  );
  if (!outdated) announce(platform, false);
}

/** A row appended: whether it made the tab, and how many old rows went with it. */
interface Appended {
  newTab: boolean;
  pruned: number;
}

function writeLocked(
  deps: ChatDeps,
  chat: ChatRecord,
  row: CellValue[],
  settings: Settings,
  notices: ChatNotices,
): Appended | 'alreadyRecorded' {
  const { platform, tabs } = deps;
  const { untidy, pruneDue } = notices;
  if (untidy) removeDuplicateCases(tabs);
  if (tabs.contains(CHATS_TAB, CHAT_COLUMN.caseId, chat.caseId)) return 'alreadyRecorded';
  const now = platform.now();
  const { row: newRow, pruned } = appendPruned(tabs, CHATS, row, now, settings.chatRetentionDays, pruneDue);
  const done: Record<string, string> = pruneDue ? { [CACHE_KEY.chatsPruned]: String(now) } : {};
  if (untidy) done[CACHE_KEY.chatsUntidy] = '0';
  if (untidy || pruneDue) {
    bestEffort(platform.log, LOG.cacheWriteFailed, () => platform.cache.putAll(done, CACHE_MAX_SECONDS));
  }
  return { newTab: newRow === 2, pruned };
}

/** The lock stayed busy: one appendRow, into a tab that already has its header row, else nothing. */
function writeUnlocked(deps: ChatDeps, chat: ChatRecord, row: CellValue[]): Appended | 'alreadyRecorded' | undefined {
  const { platform, tabs } = deps;
  if (tabs.prepare(CHATS, false) === undefined) return undefined;
  if (tabs.contains(CHATS_TAB, CHAT_COLUMN.caseId, chat.caseId)) return 'alreadyRecorded';
  tabs.appendRow(CHATS_TAB, row);
  platform.log.warn(LOG.chatWrittenUnlocked);
  // Another delivery of this case may be appending right now: the next locked write checks.
  bestEffort(platform.log, LOG.cacheWriteFailed, () =>
    platform.cache.putAll({ [CACHE_KEY.chatsUntidy]: '1' }, CACHE_MAX_SECONDS),
  );
  bestEffort(platform.log, LOG.propertiesWriteFailed, () =>
    platform.properties.setAll({ [PROPERTY.chatsUntidy]: '1' }),
  );
  return { newTab: false, pruned: 0 };
}

/** Keeps the chat in Script Properties; logs its case ID when even that fails. */
function keepPending(deps: ChatDeps, caseId: string, row: CellValue[]): Recording {
  const { platform, sha256 } = deps;
  try {
    const key = pendingKey(sha256, caseId);
    const value = encodePending(caseId, row);
    const total = pendingBytes(platform.properties.getAll(), key) + utf8Length(key) + utf8Length(value);
    if (total > PENDING_MAX_BYTES) throw new Error(`pending chats would exceed ${PENDING_MAX_BYTES} bytes`);
    platform.properties.setAll({ [key]: value });
    return 'kept';
  } catch (err) {
    platform.log.error(because(LOG.chatLost(caseId), err));
    return 'notKept';
  }
}

/** What the cache, read with the request's state, says the next locked write should also do. */
export interface ChatNotices {
  /** A row was appended without the lock: look for a duplicate. */
  untidy: boolean;
  /** No pruning for a day: prune now, so a quiet tab is pruned daily and not only every 100 rows. */
  pruneDue: boolean;
}

/** The notices from the cache entries read with the state. */
export function chatNotices(cached: Record<string, string>, now: number): ChatNotices {
  return {
    untidy: cached[CACHE_KEY.chatsUntidy] === '1',
    pruneDue: !(now - Number(cached[CACHE_KEY.chatsPruned]) < DAY_MS),
  };
}

/** Records an accepted chat (right key, valid payload, within the caps). */
export function recordChat(deps: ChatDeps, chat: ChatRecord, settings: Settings, notices: ChatNotices): Recording {
  const row = chatRow(chat, settings.chatTranscripts);
  try {
    const written = deps.platform.lock.withLock((locked) =>
      locked ? writeLocked(deps, chat, row, settings, notices) : writeUnlocked(deps, chat, row),
    );
    if (written === 'alreadyRecorded') return written;
    if (written) {
      // The row is everyone's before the visitor's answer is outdated (the lock flushed it; without
      // the lock, flushed here): a lookup in between computes its answer with the chat, or under the
      // earlier chat token, which the new one outdates.
      deps.tabs.flush();
      announceChat(deps, chat, settings, written.newTab, written.pruned);
      return 'recorded';
    }
  } catch (err) {
    deps.platform.log.error(because(LOG.chatNotWritten, err));
  }
  return keepPending(deps, chat.caseId, row);
}

/**
 * Writes the chats kept in Script Properties (and removes duplicate rows) under the script lock,
 * given the properties the execution has just read; then forgets them. Nothing waiting costs nothing.
 * Returns how many rows it added.
 */
export function writePendingChats(platform: Platform, tabs: () => AppTabs, properties: Record<string, string>): number {
  const keys = Object.keys(properties).filter(isPendingKey);
  const untidy = PROPERTY.chatsUntidy in properties;
  if (keys.length === 0 && !untidy) return 0;
  const written = platform.lock.withLock((locked) => {
    if (!locked) return undefined;
    const sheet = tabs();
    const ids = removeDuplicateCases(sheet);
    let added = 0;
    for (const key of keys) {
      const pending = decodePending(properties[key]);
      if (!pending || ids.has(pending.caseId)) continue;
      sheet.appendRow(CHATS_TAB, pending.row);
      ids.add(pending.caseId);
      added++;
    }
    return added;
  });
  if (written === undefined) return 0;
  // The rows are flushed (the lock is released): only now may the kept copies go.
  for (const key of keys) platform.properties.remove(key);
  if (untidy) platform.properties.remove(PROPERTY.chatsUntidy);
  if (written > 0) {
    platform.log.info(LOG.pendingWritten(written));
    announce(platform, false);
  }
  return written;
}
