/**
 * chats/: chat history — the Integration API's chat payload, the Chats tab and the history line agents read.
 *
 * The Chats tab: one row per case SnapEngage's Integration API reports, recorded exactly once under
 * the script lock, pruned after Chat retention days, and summed up for agents in a history line.
 */
import { appendPruned, asText } from '../tabs/app-tab-log';
import { ChatRecord } from './chat-payload';
import { Sha256Hex } from '../request/auth';
import { CELL_LIMIT } from '../request/cleaning';
import { outdateAnswer } from '../lookup/answer-cache';
import { publishChange } from '../state/freshness';
import { LOG } from '../messages';
import { AppTabs, AppTabSpec, bestEffort, CellValue, Platform } from '../ports';
import { Settings } from '../state/settings';
import { CHATS_TAB } from '../tabs/tabs';
import { capLength } from '../text';

export const CHATS: AppTabSpec = {
  name: CHATS_TAB,
  headers: [
    'When',
    'Case ID',
    'Visitor email',
    'Visitor name',
    'Type',
    'Agent',
    'Wait (s)',
    'Duration (s)',
    'Page URL',
    'Description',
    'Agent notes',
    'Case link',
    'Transcript',
  ],
  formats: { 0: 'yyyy-mm-dd hh:mm' },
};

/** Columns (0-based) that lookups read: When to Description. */
export const CHAT_COLUMN = { when: 0, caseId: 1, email: 2, agent: 5, description: 9 } as const;
export const CHAT_SUMMARY_WIDTH = CHAT_COLUMN.description + 1;
const cell = (value: string): string => asText(capLength(value, CELL_LIMIT, '…'));

export function chatRow(chat: ChatRecord, withTranscript: boolean): CellValue[] {
  const { when, caseId, email, name, type, agents, pageUrl, description, notes, caseUrl } = chat;
  const texts = [pageUrl, description, notes, caseUrl, withTranscript ? chat.transcript : ''];
  return [
    when,
    ...[caseId, email, name, type, agents].map(cell),
    chat.waitSeconds,
    chat.durationSeconds,
    ...texts.map(cell),
  ];
}

export type Recording = 'recorded' | 'alreadyRecorded' | 'busy';

/**
 * Appends the chat unless its case is already there (SnapEngage resends a chat it thinks failed),
 * then makes the visitor's next lookup fresh (the app's own writes fire no trigger): in the cache
 * alone when it can (answer-cache.ts), with a change in Script Properties when the tab is new (a
 * change of structure: lookups learn there is history to search), when old chats were pruned
 * (other visitors' counts change), or when the cache cannot be written.
 */
export function recordChat(
  platform: Platform,
  tabs: AppTabs,
  chat: ChatRecord,
  settings: Settings,
  sha256: Sha256Hex,
): Recording {
  return platform.lock.withLock((locked) => {
    if (!locked) return 'busy';
    if (tabs.contains(CHATS_TAB, CHAT_COLUMN.caseId, chat.caseId)) return 'alreadyRecorded';
    const { row, pruned } = appendPruned(
      tabs,
      CHATS,
      chatRow(chat, settings.chatTranscripts),
      platform.now(),
      settings.chatRetentionDays,
    );
    if (row === 2 || pruned > 0) publishChange(platform, row === 2 ? 'structure' : 'content');
    else if (chat.email) {
      const outdated = bestEffort(platform.log, LOG.cacheWriteFailed, () =>
        outdateAnswer(platform, sha256(chat.email), settings.cacheMinutes),
      );
      if (!outdated) publishChange(platform, 'content');
    }
    return 'recorded';
  });
}
