/**
 * What Check setup says about room: the spreadsheet's cells against Google's 10,000,000, when new
 * rows would be refused at the recent rate, chats waiting in Script Properties, and today's chats
 * against Chats per day.
 */
import { MAX_CELLS, REFUSE_FROM_CELLS, WARN_FROM_CELLS } from '../chats/chat-limits';
import { REPORT } from '../messages';
import { DAY_MS, isDate } from '../tabs/app-tab-log';

/** The window the growth rate is measured over. */
export const RATE_DAYS = 7;

export interface CapacityFacts {
  /** Cells of every tab's grid, when the structure read listed them. */
  cells: number | undefined;
  /** Cells the app's tabs grew by per day over the last RATE_DAYS days. */
  cellsPerDay: number;
  /** Chats kept in Script Properties, waiting to be written. */
  pendingChats: number;
  /** Chats recorded today, when chat history is on. */
  chatsToday: number | undefined;
  chatsPerDay: number;
}

/** Cells a tab grew by per day: its rows of the last RATE_DAYS days (time in the first column) times its width. */
export function cellsPerDay(tabs: { times: unknown[]; width: number }[], now: number): number {
  const since = now - RATE_DAYS * DAY_MS;
  const cells = tabs.reduce(
    (sum, { times, width }) => sum + times.filter((t) => isDate(t) && t.getTime() >= since).length * width,
    0,
  );
  return cells / RATE_DAYS;
}

/** Report lines: [to fix, good to know]. */
export function capacityLines(facts: CapacityFacts): [string[], string[]] {
  const problems: string[] = [];
  const notes: string[] = [];
  const { cells } = facts;
  if (cells !== undefined) {
    const days =
      facts.cellsPerDay > 0 && cells < REFUSE_FROM_CELLS
        ? Math.floor((REFUSE_FROM_CELLS - cells) / facts.cellsPerDay)
        : undefined;
    const line = REPORT.cells(cells, MAX_CELLS, Math.round(facts.cellsPerDay), days);
    if (cells >= REFUSE_FROM_CELLS) problems.push(`${line} ${REPORT.cellsRefused}`);
    else if (cells >= WARN_FROM_CELLS) problems.push(`${line} ${REPORT.cellsWarning}`);
    else notes.push(line);
  }
  // With chat history on, always said, so "none waiting" is known rather than guessed.
  if (facts.pendingChats > 0 || facts.chatsToday !== undefined) notes.push(REPORT.pendingChats(facts.pendingChats));
  if (facts.chatsToday !== undefined) notes.push(REPORT.chatsToday(facts.chatsToday, facts.chatsPerDay));
  return [problems, notes];
}
