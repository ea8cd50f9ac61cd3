/**
 * chats/: chat history — the Integration API's chat payload, the Chats tab and the history line agents read.
 *
 * The Chats tab: one row per case SnapEngage's Integration API reports, recorded exactly once under
 * the script lock, pruned after Chat retention days, and summed up for agents in a history line.
 */
import { appendPruned, asText } from '../tabs/app-tab-log';
import { ChatRecord } from './chat-payload';
import { publishChange } from '../state/freshness';
import { AppTabs, AppTabSpec, CellValue, Platform } from '../ports';
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
/** A Sheets cell holds at most 50,000 characters. */
const CELL_LIMIT = 50_000;

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
 * then makes the visitor's next lookup fresh: the app's own writes fire no trigger.
 */
export function recordChat(platform: Platform, tabs: AppTabs, chat: ChatRecord, settings: Settings): Recording {
  return platform.lock.withLock((locked) => {
    if (!locked) return 'busy';
    if (tabs.contains(CHATS_TAB, CHAT_COLUMN.caseId, chat.caseId)) return 'alreadyRecorded';
    const row = appendPruned(
      tabs,
      CHATS,
      chatRow(chat, settings.chatTranscripts),
      platform.now(),
      settings.chatRetentionDays,
    );
    // A new tab changes the structure: lookups learn that there is history to search.
    publishChange(platform, row === 2 ? 'structure' : 'content');
    return 'recorded';
  });
}

export interface ChatHistory {
  count: number;
  /** The date part of the last chat's When cell, as the spreadsheet shows it. */
  lastDate: string;
  lastAgent: string;
  lastDescription: string;
}

/** A visitor's past chats from their rows (When to Description, in sheet order): the last is the lowest row. */
export function chatHistory(rows: string[][]): ChatHistory | undefined {
  const last = rows[rows.length - 1];
  if (!last) return;
  const when = last[CHAT_COLUMN.when] ?? '';
  return {
    count: rows.length,
    lastDate: /^\d{4}-\d\d-\d\d/.exec(when)?.[0] ?? when,
    lastAgent: last[CHAT_COLUMN.agent] ?? '',
    lastDescription: last[CHAT_COLUMN.description] ?? '',
  };
}
