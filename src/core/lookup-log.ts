/**
 * The optional Lookup log tab: one row per lookup (time, case, email, IP, page, matches), kept for
 * Log retention days. A busy lock or a failure skips the row and never fails the lookup.
 */
import { AppTabWriter, appendLocked, asText, pruneWhenDue } from './app-tab-log';
import { LookupRecord } from './lookup';
import { LOG } from './messages';
import { AppTabSpec, CellValue, Logger } from './ports';
import { LOOKUP_LOG_TAB } from './tabs';

export const LOOKUP_LOG: AppTabSpec = {
  name: LOOKUP_LOG_TAB,
  headers: ['Time', 'Case ID', 'Email', 'Visitor IP', 'Page URL', 'Matches'],
  formats: { 0: 'yyyy-mm-dd hh:mm:ss' },
};

export function logRow(record: LookupRecord): CellValue[] {
  const { time, caseId, email, ip, url, matches } = record;
  return [time, asText(caseId), asText(email), asText(ip), asText(url), matches];
}

export function writeLookupRecord(
  writer: AppTabWriter & { log: Logger },
  record: LookupRecord,
  retentionDays: number,
): void {
  try {
    const now = record.time.getTime();
    const row = appendLocked(writer, LOOKUP_LOG, logRow(record), (newRow) =>
      pruneWhenDue(writer.tabs, LOOKUP_LOG, newRow, now, retentionDays),
    );
    if (row === undefined) writer.log.error(LOG.lookupLogBusy);
  } catch (err) {
    writer.log.error(LOG.lookupLogFailed(String(err)));
  }
}
