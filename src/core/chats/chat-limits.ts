/**
 * What keeps a key holder from filling the spreadsheet: no new Chats or Lookup log row once the
 * spreadsheet holds 90% of Google's 10,000,000 cells (so staff can always edit their contacts), and
 * at most `Chats per day` chats a day. Both are checked from what the request has already read: the
 * cell count comes with the cached configuration (the structure read lists every tab's grid size),
 * the day's count from a cache entry read together with the state; only when that entry is gone is
 * the day's count taken from the Chats tab.
 */
import { CachePort, Logger } from '../ports';
import { CACHE_KEY, CACHE_MAX_SECONDS } from '../state/store-keys';
import { DAY_MS, isDate } from '../tabs/app-tab-log';

/** Google's limit for a spreadsheet, every tab's grid counted (https://support.google.com/drive/answer/37603). */
export const MAX_CELLS = 10_000_000;
/** From here on no new app rows are written. */
export const REFUSE_FROM_CELLS = MAX_CELLS * 0.9;
/** From here on Check setup warns. */
export const WARN_FROM_CELLS = MAX_CELLS * 0.8;

export function spreadsheetFull(cells: number | undefined): boolean {
  return cells !== undefined && cells >= REFUSE_FROM_CELLS;
}

/**
 * Today's count from the cache entry "<day> <count>": the count when it is today's, 0 when it is
 * from an earlier day (no chat today has written it), undefined when it is missing or unreadable.
 */
export function cachedDayCount(entry: string | undefined, today: string): number | undefined {
  const [day = '', count = '', ...rest] = (entry ?? '').split(' ');
  if (rest.length || !/^\d{4}-\d\d-\d\d$/.test(day) || !/^\d+$/.test(count)) return;
  if (day === today) return Number(count);
  return day < today ? 0 : undefined;
}

/**
 * Today's count from the Chats tab's time column: the rows dated today. Only dates in the last two
 * days are turned into days, so the cost stays with the day's rows.
 */
export function countToday(times: unknown[], now: number, today: string, dayOf: (ms: number) => string): number {
  return times.filter((time) => isDate(time) && time.getTime() > now - 2 * DAY_MS && dayOf(time.getTime()) === today)
    .length;
}

export function dayCountEntry(today: string, count: number): Record<string, string> {
  return { [CACHE_KEY.chatsToday]: `${today} ${count}` };
}

/**
 * Logs a refusal once per day and kind, so a flood of refused requests leaves one line; the cache
 * read happens only when something is refused.
 */
export function logOncePerDay(cache: CachePort, log: Logger, kind: string, today: string, line: string): void {
  const key = CACHE_KEY.refusalLogged(kind);
  try {
    if (cache.getAll([key])[key] === today) return;
    cache.putAll({ [key]: today }, CACHE_MAX_SECONDS);
  } catch {
    // Without the cache the line is logged each time: better too often than never.
  }
  log.error(line);
}
