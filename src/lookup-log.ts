/**
 * The optional Lookup log tab: one row per lookup, written under the script lock so concurrent
 * lookups never lose or interleave rows, and pruned to the retention the admin chose.
 */
import { LookupRecord } from './web-app';

export const LOOKUP_LOG_TAB = 'Lookup log';
export const LOOKUP_LOG_HEADERS = ['Time', 'Case ID', 'Email', 'Visitor IP', 'Page URL', 'Matches'];
/** The longest a lookup waits to write its log row; past this the row is skipped and the lookup answers. */
export const LOG_LOCK_WAIT_MS = 3000;
/** Pruning reads the time column, so it runs once per this many rows, not on every lookup. */
const PRUNE_EVERY_ROWS = 100;

/** Text that Sheets would otherwise read as a formula (=, +, -, @) is stored as text. */
export function inertCell(text: string): string {
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}

export function logRow(record: LookupRecord): (string | number | Date)[] {
  return [record.time, inertCell(record.caseId), inertCell(record.email), inertCell(record.ip), inertCell(record.url), record.matches];
}

/** How many rows at the top (below the header) are older than the cutoff; rows are in time order. */
export function expiredRowCount(times: unknown[], cutoff: number): number {
  let count = 0;
  while (count < times.length) {
    const time = times[count];
    // Not instanceof: a Date from the Sheets service need not share this script's Date constructor.
    if (Object.prototype.toString.call(time) !== '[object Date]' || (time as Date).getTime() >= cutoff) break;
    count++;
  }
  return count;
}

export function appendLookupRecord(
  spreadsheet: () => GoogleAppsScript.Spreadsheet.Spreadsheet,
  record: LookupRecord,
  retentionDays: number,
): void {
  const lock = LockService.getScriptLock();
  try {
    if (!lock.tryLock(LOG_LOCK_WAIT_MS)) {
      console.error('Lookup log: the lock was busy; one lookup was not logged.');
      return;
    }
    try {
      const book = spreadsheet();
      let sheet = book.getSheetByName(LOOKUP_LOG_TAB);
      if (!sheet) {
        sheet = book.insertSheet(LOOKUP_LOG_TAB);
        sheet.appendRow(LOOKUP_LOG_HEADERS);
      }
      sheet.appendRow(logRow(record));
      const last = sheet.getLastRow();
      if (last % PRUNE_EVERY_ROWS === 0) {
        const times = sheet.getRange(2, 1, last - 1, 1).getValues().map((row) => row[0]);
        const expired = expiredRowCount(times, record.time.getTime() - retentionDays * 86_400_000);
        if (expired > 0) sheet.deleteRows(2, expired);
      }
    } finally {
      lock.releaseLock();
    }
  } catch (err) {
    console.error(`Lookup log: could not write a row: ${String(err)}`);
  }
}
