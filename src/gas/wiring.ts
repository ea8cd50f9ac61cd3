/**
 * Google's services plugged into the core: the dependencies each entry point hands to its use case.
 */
import { buildConfig, Config } from '../core/state/config';
import { StoreDeps } from '../core/state/config-store';
import { WebAppDeps } from '../core/request/serving';
import { LOG } from '../core/messages';
import { bestEffort, Platform } from '../core/ports';
import { SetupDeps } from '../core/admin/setup';
import { CACHE_KEY, PROPERTY } from '../core/state/store-keys';
import { sheetsApiResting } from '../core/state/sheets-api-rest';
import { isExecUrl } from '../core/admin/web-app-url';
import { BUILD } from './build-info';
import { changeTriggers } from './change-trigger';
import { newAccessKey, platform, sha256Hex } from './services';
import { appTabs, readStructure, rowSource, setupSheet } from './spreadsheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * A fresh configuration from the spreadsheet (two Sheets API calls, or SpreadsheetApp while the API
 * rests), for lookups and Check setup.
 */
export function rebuildConfig(
  properties: Record<string, string>,
  structureGeneration: string,
  services: Platform,
  open?: () => Spreadsheet,
): Config {
  const spreadsheetId = properties[PROPERTY.spreadsheetId] ?? '';
  const now = services.now();
  let rest: Record<string, string> = {};
  const read = () => {
    bestEffort(services.log, LOG.cacheReadFailed, () => (rest = services.cache.getAll([CACHE_KEY.sheetsApiRest])));
    const book = open ?? (() => SpreadsheetApp.openById(spreadsheetId));
    return readStructure(spreadsheetId, book, services, sheetsApiResting(rest[CACHE_KEY.sheetsApiRest], now));
  };
  return buildConfig(spreadsheetId ? read() : undefined, {
    spreadsheetId,
    accessKey: properties[PROPERTY.accessKey],
    structureGeneration,
    now,
    sha256: sha256Hex,
  });
}

function storeDeps(services: Platform, open: (config: { spreadsheetId: string }) => () => Spreadsheet): StoreDeps {
  return {
    ...services,
    rebuild: (properties, generation) =>
      rebuildConfig(
        properties,
        generation,
        services,
        open({ spreadsheetId: properties[PROPERTY.spreadsheetId] ?? '' }),
      ),
    // ScriptApp.getService().getUrl() is only trustworthy inside a live request (elsewhere it can give a
    // /dev or stale URL), so the web app notes its own /exec URL for Set up and Check setup.
    onLoad: (properties) =>
      bestEffort(services.log, LOG.webAppUrlNotNoted, () => {
        const url = ScriptApp.getService().getUrl();
        if (isExecUrl(url) && properties[PROPERTY.webAppUrl] !== url)
          services.properties.setAll({ [PROPERTY.webAppUrl]: url });
      }),
  };
}

/** A web-app execution has no active spreadsheet: it opens the one Set up recorded, once. */
export function webAppDeps(): WebAppDeps {
  let opened: Spreadsheet | undefined;
  const open = (config: Pick<Config, 'spreadsheetId'>) => () =>
    (opened ??= SpreadsheetApp.openById(config.spreadsheetId));
  const services = platform();
  return {
    store: storeDeps(services, open),
    sha256: sha256Hex,
    build: BUILD,
    rows: (config, resting) => rowSource(open(config), config.spreadsheetId, services, resting),
    appTabs: (config) => appTabs(open(config)),
    dayOf: (ms, timeZone) => Utilities.formatDate(new Date(ms), timeZone ?? 'Etc/UTC', 'yyyy-MM-dd'),
  };
}

/** Menu items run in the spreadsheet they are bound to. */
export function setupDeps(spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): SetupDeps {
  return { platform: platform(), sheet: setupSheet(spreadsheet), triggers: changeTriggers(spreadsheet), newAccessKey };
}
