/**
 * Appending to a tab the app writes itself (Lookup log, Chats) and pruning the rows older than the
 * retention chosen, wherever they are: staff may sort the tab either way, clear a cell, or type a
 * date far in the future, and none of it may stop pruning.
 */
import { AppTabs, AppTabSpec, CellValue } from '../ports';

/** Pruning reads the time column, so it runs once per this many rows, not on every append. */
export const PRUNE_EVERY_ROWS = 100;
/**
 * Runs of expired rows deleted by one pruning at most: each costs a read and a delete, so a tab
 * sorted into many short runs is pruned over several turns instead of in one long execution.
 */
export const PRUNE_MAX_RUNS = 20;
export const DAY_MS = 86_400_000;

/**
 * Text as text: a leading apostrophe makes Sheets store what follows as typed, so a value such as
 * "=HYPERLINK(…)", "+1 555" or "00123" is never read as a formula or a number (Sheets hides the
 * apostrophe). Non-text values are written as they are.
 */
export function asText(value: string): string {
  return value === '' ? '' : `'${value}`;
}

/** Not instanceof: a Date from the Sheets service need not share this script's Date constructor. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]' && !Number.isNaN((value as Date).getTime());
}

/**
 * The runs [first row, row count] of consecutive rows whose time is before the cutoff, top down;
 * `times` holds the time column from `firstRow` on. A row without a date is kept and ends a run.
 */
export function expiredRuns(times: unknown[], cutoff: number, firstRow = 2): [number, number][] {
  const runs: [number, number][] = [];
  times.forEach((time, i) => {
    if (!isDate(time) || time.getTime() >= cutoff) return;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === firstRow + i) last[1]++;
    else runs.push([firstRow + i, 1]);
  });
  return runs;
}

/** Rows (1-based, ascending) as runs [first row, row count] of consecutive rows. */
function runsOf(rows: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === row) last[1]++;
    else runs.push([row, 1]);
  }
  return runs;
}

/**
 * Deletes the given rows (ascending) in runs from the bottom up, so a deletion never moves the rows
 * still to be deleted, and reads each run's cells in `column` again just before deleting it: staff
 * may sort the tab at any moment without the script lock, and then only the rows that still
 * `match` go. Returns the rows deleted.
 */
export function deleteMatchingRows(
  tabs: AppTabs,
  tab: string,
  column: number,
  rows: number[],
  match: (value: unknown) => boolean,
): number {
  let deleted = 0;
  for (const [first, count] of runsOf(rows).reverse()) {
    const values = tabs.column(tab, column, first, first + count - 1);
    const still = values.flatMap((value, i) => (match(value) ? [first + i] : []));
    for (const [row, rows] of runsOf(still).reverse()) {
      tabs.deleteRows(tab, row, rows);
      deleted += rows;
    }
  }
  return deleted;
}

/**
 * Deletes the rows of the tab whose time (first column) is before the cutoff, rows 2 to `lastRow`,
 * wherever they are (the tab sorted either way, a row without a date kept); at most PRUNE_MAX_RUNS
 * runs, the lowest first. Returns the rows deleted.
 */
export function pruneRows(tabs: AppTabs, tab: string, lastRow: number, cutoff: number): number {
  const expired = expiredRuns(tabs.column(tab, 0, 2, lastRow), cutoff)
    .slice(-PRUNE_MAX_RUNS)
    .flatMap(([first, count]) => Array.from({ length: count }, (_, i) => first + i));
  return deleteMatchingRows(tabs, tab, 0, expired, (time) => isDate(time) && time.getTime() < cutoff);
}

/**
 * Appends a row under the script lock (creating the tab, or restoring its header row, first);
 * prunes the rows older than `retentionDays` when the new row's number says it is time to look, or
 * when the caller says a prune is due (`pruneDue`). Returns the new row's number (before any
 * removal) and how many rows were removed.
 */
export function appendPruned(
  tabs: AppTabs,
  tab: AppTabSpec,
  row: CellValue[],
  now: number,
  retentionDays: number,
  pruneDue = false,
): { row: number; pruned: number } {
  const newRow = (tabs.prepare(tab, true) ?? 1) + 1;
  tabs.appendRow(tab.name, row);
  const pruned =
    pruneDue || newRow % PRUNE_EVERY_ROWS === 0 ? pruneRows(tabs, tab.name, newRow, now - retentionDays * DAY_MS) : 0;
  return { row: newRow, pruned };
}
