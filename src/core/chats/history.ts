/**
 * A returning visitor's past chats at a cost that does not grow with them: the search of the Chats
 * tab's email column counts them, and only the rows of the most recent arrivals are read, to name the
 * latest chat by its date. Chats arrive roughly in date order; a late delivery (SnapEngage retries
 * for about two hours) still lands among the last few rows. A locked write never adds a case twice;
 * a chat appended while the lock stayed busy may leave a second copy among the last arrivals until
 * the next locked write removes it (chat-recording.ts), so copies among the rows read count once.
 */
import { CHAT_COLUMN } from './chats';

/** How many of the visitor's last arrivals are read to find the latest chat. */
export const RECENT_CHATS_READ = 5;

export interface ChatHistory {
  count: number;
  /** The date part of the latest chat's When cell, as the spreadsheet shows it. */
  lastDate: string;
  lastAgent: string;
  lastDescription: string;
}

/** Of the visitor's rows the search found (ascending), those to read: the last arrivals. */
export function recentChatRows(found: number[]): number[] {
  return found.slice(-RECENT_CHATS_READ);
}

/** A When cell as Sheets shows it (yyyy-mm-dd hh:mm) sorts as text; anything else sorts first. */
const sortableWhen = (cells: string[]) => {
  const when = cells[CHAT_COLUMN.when] ?? '';
  return /^\d{4}-\d\d-\d\d/.test(when) ? when : '';
};

/**
 * The history from the number of rows found and the recent rows read (When to Description, in
 * arrival order). Rows read that are not the visitor's after all (changed since the search), and
 * second copies of a case among them, are not counted; of the rest the latest date wins, and of equal
 * dates the later arrival.
 */
export function chatHistory(
  found: number,
  recent: string[][],
  isVisitors: (cells: string[]) => boolean,
): ChatHistory | undefined {
  const mine = recent.filter(isVisitors);
  const latest = mine.reduce<string[] | undefined>(
    (best, cells) => (!best || sortableWhen(cells) >= sortableWhen(best) ? cells : best),
    undefined,
  );
  if (!latest) return;
  const when = latest[CHAT_COLUMN.when] ?? '';
  return {
    count: found - (recent.length - new Set(mine.map((cells) => cells[CHAT_COLUMN.caseId])).size),
    lastDate: /^\d{4}-\d\d-\d\d/.exec(when)?.[0] ?? when,
    lastAgent: latest[CHAT_COLUMN.agent] ?? '',
    lastDescription: latest[CHAT_COLUMN.description] ?? '',
  };
}
