/**
 * Google's services plugged into the core: one place that builds the dependencies every entry
 * point uses.
 */
import { newGeneration } from '../core/answer-cache';
import { BUILD_COMMIT, BUILD_VERSION } from './build-info';
import { buildConfig, Config, PROPERTY } from '../core/config';
import { ConfigStore, forgetAnswers, forgetConfig } from '../core/config-store';
import {
  consoleLogger,
  contactSource,
  scriptCache,
  scriptLock,
  scriptProperties,
  sha256Hex,
  structureReader,
} from './google';
import { appendLookupRecord } from './lookup-log';
import { WebAppDeps } from '../core/web-app';

export const BUILD = `${BUILD_VERSION}+${BUILD_COMMIT}`;

/** Only an Apps Script /exec URL (consumer or Workspace) is one SnapEngage can call. */
export const EXEC_URL = /^https:\/\/script\.google\.com\/(?:a\/macros\/[^/\s]+|macros)\/s\/[\w-]+\/exec$/;

type Opener = (id: string) => GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Opens a spreadsheet by ID at most once per execution. */
function openOnce(): Opener {
  let opened: GoogleAppsScript.Spreadsheet.Spreadsheet | undefined;
  return (id) => (opened ??= SpreadsheetApp.openById(id));
}

export function configStore(open: Opener = openOnce()): ConfigStore {
  return {
    cache: scriptCache(),
    properties: scriptProperties(),
    lock: scriptLock(),
    log: consoleLogger,
    build: BUILD,
    now: () => Date.now(),
    rebuild(properties) {
      const id = properties[PROPERTY.spreadsheetId] ?? '';
      const reader = id ? structureReader(open(id)) : undefined;
      return buildConfig(reader, id, properties[PROPERTY.accessKey], sha256Hex, BUILD, Date.now());
    },
  };
}

export function webAppDeps(): WebAppDeps {
  // A web-app execution has no active spreadsheet, so it opens the one setup remembered, once.
  const open = openOnce();
  const spreadsheet = (config: Config) => open(config.spreadsheetId);
  return {
    store: { ...configStore(open), onLoad: rememberWebAppUrl },
    sha256: sha256Hex,
    random: Math.random,
    contacts: (config) => contactSource(spreadsheet(config)),
    recordLookup: (record, config) =>
      appendLookupRecord(() => spreadsheet(config), record, config.settings.logRetentionDays),
  };
}

/**
 * ScriptApp.getService().getUrl() is only trustworthy inside a live request (elsewhere it can give
 * a /dev or stale URL), so the web app notes its own /exec URL for Set up and Check setup.
 */
function rememberWebAppUrl(properties: Record<string, string>): void {
  try {
    const url = ScriptApp.getService().getUrl();
    if (EXEC_URL.test(url) && properties[PROPERTY.webAppUrl] !== url) scriptProperties().set(PROPERTY.webAppUrl, url);
  } catch (err) {
    console.warn(`Could not note the web app URL: ${String(err)}`);
  }
}

/**
 * Structure changed (settings, headers, columns, key): the configuration is rebuilt on the next
 * lookup. Either way every cached answer is dropped.
 */
export function forget(structure: boolean): void {
  const store = configStore();
  try {
    if (structure) forgetConfig(store);
  } finally {
    forgetAnswers(store.cache, BUILD, newGeneration(Date.now(), Math.random));
  }
}
