/**
 * Appending to a tab the app writes itself (Lookup log, Chats) and pruning rows older than the
 * retention chosen. Callers hold the script lock, so concurrent executions never lose or interleave rows.
 */
import { AppTabs, AppTabSpec, CellValue } from '../ports';

/** Pruning reads the time column, so it runs once per this many rows, not on every append. */
export const PRUNE_EVERY_ROWS = 100;
const DAY_MS = 86_400_000;

/**
 * Text as text: a leading apostrophe makes Sheets store what follows as typed, so a value such as
 * "=HYPERLINK(…)", "+1 555" or "00123" is never read as a formula or a number (Sheets hides the
 * apostrophe). Non-text values are written as they are.
 */
export function asText(value: string): string {
  return value === '' ? '' : `'${value}`;
}

/** How many rows at the top (below the header) are older than the cutoff; rows are in time order. */
export function expiredRowCount(times: unknown[], cutoff: number): number {
  // Not instanceof: a Date from the Sheets service need not share this script's Date constructor.
  const kept = times.findIndex(
    (time) => Object.prototype.toString.call(time) !== '[object Date]' || (time as Date).getTime() >= cutoff,
  );
  return kept < 0 ? times.length : kept;
}

/**
 * Appends a row; removes the rows older than `retentionDays` when the new row's number says it is
 * time to look. Returns the new row's number (before any removal) and how many rows were removed.
 */
export function appendPruned(
  tabs: AppTabs,
  tab: AppTabSpec,
  row: CellValue[],
  now: number,
  retentionDays: number,
): { row: number; pruned: number } {
  const newRow = tabs.append(tab, [row]);
  // The time is the tab's first column.
  const expired =
    newRow % PRUNE_EVERY_ROWS ? 0 : expiredRowCount(tabs.column(tab.name, 0), now - retentionDays * DAY_MS);
  if (expired > 0) tabs.deleteRows(tab.name, 2, expired);
  return { row: newRow, pruned: expired };
}
