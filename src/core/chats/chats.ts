/**
 * chats/: chat history — the Integration API's chat payload, the Chats tab and the history line agents read.
 *
 * The Chats tab: one row per case SnapEngage's Integration API reports (see chat-recording.ts),
 * pruned after Chat retention days, and summed up for agents in a history line.
 */
import { asText } from '../tabs/app-tab-log';
import { ChatRecord } from './chat-payload';
import { CELL_LIMIT } from '../request/cleaning';
import { AppTabSpec, CellValue } from '../ports';
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
// CELL_LIMIT counts the apostrophe that keeps text as text (asText).
const cell = (value: string): string => asText(capLength(value, CELL_LIMIT - 1, '…'));

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
