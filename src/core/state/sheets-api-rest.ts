/**
 * The Sheets advanced service has a per-minute quota (60 read requests per user; the web app runs as
 * its deployer, so every visitor is that one user: https://developers.google.com/sheets/api/limits);
 * SpreadsheetApp has none. The app uses the API only where it saves several SpreadsheetApp calls (a
 * configuration rebuild, rows far apart), and after any API error (a spent quota, a passing 503)
 * lets it rest for a minute, every execution reading with SpreadsheetApp meanwhile: the failure is
 * remembered, not repeated by each request, and never reaches a visitor.
 */
import { because, LOG } from '../messages';
import { bestEffort, Platform } from '../ports';
import { CACHE_KEY } from './store-keys';

export const SHEETS_API_REST_MS = 60_000;

/** Whether the API rests, from the cache's `sheets-api-rest` entry (the time it may be tried again). */
export function sheetsApiResting(entry: string | undefined, now: number): boolean {
  return Number(entry) > now;
}

/** `viaApi` unless the API rests; on its failure, the rest starts and `viaSpreadsheetApp` answers. */
export function preferSheetsApi<T>(
  platform: Pick<Platform, 'cache' | 'log' | 'now'>,
  resting: boolean,
  viaApi: () => T,
  viaSpreadsheetApp: () => T,
): T {
  if (!resting) {
    try {
      return viaApi();
    } catch (err) {
      platform.log.warn(because(LOG.sheetsApiFailed, err));
      const until = String(platform.now() + SHEETS_API_REST_MS);
      bestEffort(platform.log, LOG.cacheWriteFailed, () =>
        platform.cache.putAll({ [CACHE_KEY.sheetsApiRest]: until }, SHEETS_API_REST_MS / 1000),
      );
    }
  }
  return viaSpreadsheetApp();
}
