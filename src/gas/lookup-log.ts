/**
 * Writes the optional Lookup log tab under the script lock, so concurrent lookups never lose or
 * interleave rows, and prunes it to the retention the admin chose.
 */
import { expiredRowCount, logRow, LOOKUP_LOG_HEADERS, LOOKUP_LOG_TAB } from '../core/lookup-log';
import { LookupRecord } from '../core/web-app';

/** The longest a lookup waits to write its log row; past this the row is skipped and the lookup answers. */
const LOG_LOCK_WAIT_MS = 3000;
/** Pruning reads the time column, so it runs once per this many rows, not on every lookup. */
const PRUNE_EVERY_ROWS = 100;

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
        const times = sheet
          .getRange(2, 1, last - 1, 1)
          .getValues()
          .map((row) => row[0]);
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
