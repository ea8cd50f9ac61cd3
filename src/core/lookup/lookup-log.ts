/**
 * The optional Lookup log tab: one row per lookup (time, case, email, IP, page, matches), kept for
 * Log retention days. A failure skips the row and never fails the lookup.
 */
import { appendPruned, asText } from '../tabs/app-tab-log';
import { because, LOG } from '../messages';
import { AppTabs, AppTabSpec, bestEffort, CachePort, CellValue, LockPort, Logger } from '../ports';
import { CACHE_KEY, CACHE_MAX_SECONDS } from '../state/store-keys';
import { logOncePerDay } from '../chats/chat-limits';
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

/** The column (0-based) of the visitor's email. */
export const LOOKUP_LOG_EMAIL_COLUMN = 2;

export function logRow({ time, caseId, email, ip, url, matches }: LookupRecord): CellValue[] {
  return [time, asText(caseId), asText(email), asText(ip), asText(url), matches];
}

/** How a lookup's row is written. */
export interface LogWriting {
  retentionDays: number;
  /** The day, when the spreadsheet holds 90% of its cells: no row is added then. */
  fullOn?: string;
  /** No pruning for a day (the cache says): prune now, so a quiet log is pruned daily, not only every 100 rows. */
  pruneDue?: boolean;
}

/**
 * Appends the row under the script lock, pruning now and then. When the lock stays busy, the row is
 * still appended, in one appendRow call that cannot overwrite another execution's row, provided the
 * tab already has its header row; a failure never fails the lookup.
 */
export function writeLookupRecord(
  writer: { lock: LockPort; tabs: AppTabs; log: Logger; cache: CachePort },
  record: LookupRecord,
  writing: LogWriting,
): void {
  const { retentionDays, fullOn, pruneDue = false } = writing;
  if (fullOn !== undefined)
    return logOncePerDay(writer.cache, writer.log, 'log-full', fullOn, LOG.spreadsheetFull(LOOKUP_LOG_TAB));
  try {
    const now = record.time.getTime();
    const written = writer.lock.withLock((locked) => {
      if (locked) appendPruned(writer.tabs, LOOKUP_LOG, logRow(record), now, retentionDays, pruneDue);
      else if (writer.tabs.prepare(LOOKUP_LOG, false) === undefined) return false;
      else writer.tabs.appendRow(LOOKUP_LOG.name, logRow(record));
      return locked ? 'pruned' : 'appended';
    });
    if (!written) writer.log.error(LOG.lookupLogBusy);
    if (written === 'pruned' && pruneDue) {
      bestEffort(writer.log, LOG.cacheWriteFailed, () =>
        writer.cache.putAll({ [CACHE_KEY.logPruned]: String(now) }, CACHE_MAX_SECONDS),
      );
    }
  } catch (err) {
    writer.log.error(because(LOG.lookupLogFailed, err));
  }
}
