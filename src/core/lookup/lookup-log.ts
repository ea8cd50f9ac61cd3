/**
 * The optional Lookup log tab: one row per lookup (time, case, email, IP, page, matches), kept for
 * Log retention days. A busy lock or a failure skips the row and never fails the lookup.
 */
import { appendPruned, asText } from '../tabs/app-tab-log';
import { because, LOG } from '../messages';
import { AppTabs, AppTabSpec, CellValue, LockPort, Logger } from '../ports';
import { LOOKUP_LOG_TAB } from '../tabs/tabs';

/** What one lookup leaves in the log. */
export interface LookupRecord {
  time: Date;
  caseId: string;
  email: string;
  ip: string;
  url: string;
  matches: number;
}

export const LOOKUP_LOG: AppTabSpec = {
  name: LOOKUP_LOG_TAB,
  headers: ['Time', 'Case ID', 'Email', 'Visitor IP', 'Page URL', 'Matches'],
  formats: { 0: 'yyyy-mm-dd hh:mm:ss' },
};

export function logRow({ time, caseId, email, ip, url, matches }: LookupRecord): CellValue[] {
  return [time, asText(caseId), asText(email), asText(ip), asText(url), matches];
}

/** Appends the row under the script lock, so concurrent lookups never lose or interleave rows. */
export function writeLookupRecord(
  writer: { lock: LockPort; tabs: AppTabs; log: Logger },
  record: LookupRecord,
  retentionDays: number,
): void {
  try {
    const written = writer.lock.withLock((locked) => {
      if (locked) appendPruned(writer.tabs, LOOKUP_LOG, logRow(record), record.time.getTime(), retentionDays);
      return locked;
    });
    if (!written) writer.log.error(LOG.lookupLogBusy);
  } catch (err) {
    writer.log.error(because(LOG.lookupLogFailed, err));
  }
}
