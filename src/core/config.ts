/**
 * The compiled configuration a lookup needs: where the contacts are, the settings, and the digest of
 * the access key. Built from the spreadsheet and Script Properties when something changed, then
 * kept in CacheService and in Script Properties so a lookup never has to rebuild it.
 */
import { buildLayout, chooseContactsTab, headerWidth, Layout } from './layout';
import { CONFIG_ERROR } from './messages';
import { isSettings, parseSettings, Settings, SETTINGS_TAB } from './settings';
import { Sha256Hex } from './auth';

export interface Config {
  build: string;
  builtAt: number;
  spreadsheetId: string;
  /** Hex SHA-256 of the access key; '' while no key exists. */
  keyDigest: string;
  settings: Settings;
  /** Absent when the contacts cannot be found; `error` says why, for the admin. */
  layout?: Layout;
  error?: string;
  /** Non-fatal findings for Check setup: invalid settings and the defaults used instead. */
  problems: string[];
}

/** Properties read by the lookup path (one getProperties call). */
export const PROPERTY = {
  accessKey: 'ACCESS_KEY',
  spreadsheetId: 'SPREADSHEET_ID',
  config: 'CONFIG',
  webAppUrl: 'WEB_APP_URL',
} as const;

/**
 * A kept configuration is rebuilt after this long even if no trigger said it changed, which bounds
 * staleness from changes no trigger reports. CacheService keeps nothing longer anyway (6 hours).
 */
export const CONFIG_MAX_AGE_MS = 6 * 60 * 60 * 1000;

/** What building a configuration reads from the spreadsheet. */
export interface StructureReader {
  tabNames(): string[];
  /** Display values of the Settings tab, or null when there is none. */
  settingsRows(): string[][] | null;
  headerRow(tab: string): string[];
  hiddenColumns(tab: string, width: number): boolean[];
}

export function buildConfig(
  reader: StructureReader | undefined,
  spreadsheetId: string,
  accessKey: string | undefined,
  sha256: Sha256Hex,
  build: string,
  now: number,
): Config {
  const settingsRows = reader ? reader.settingsRows() : null;
  const { settings, problems } = parseSettings(settingsRows ?? []);
  const config: Config = {
    build,
    builtAt: now,
    spreadsheetId,
    keyDigest: accessKey ? sha256(accessKey) : '',
    settings,
    problems,
  };
  if (!reader) {
    config.error = CONFIG_ERROR.spreadsheetUnknown;
    return config;
  }
  const choice = chooseContactsTab(
    reader.tabNames().filter((name) => name !== SETTINGS_TAB),
    settings,
  );
  if ('error' in choice) {
    config.error = choice.error;
    return config;
  }
  const headerRow = reader.headerRow(choice.tab);
  // Visibility is asked per column, so only as far as the last header.
  const result = buildLayout(choice.tab, headerRow, reader.hiddenColumns(choice.tab, headerWidth(headerRow)), settings);
  if (!result.ok) {
    config.error = result.error;
    return config;
  }
  config.layout = result.layout;
  config.problems.push(...result.problems);
  return config;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isIndexList = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 0);

function isLayout(v: unknown): v is Layout {
  const l = v as Layout;
  return (
    typeof l === 'object' &&
    l !== null &&
    isString(l.tab) &&
    Array.isArray(l.headers) &&
    l.headers.every(isString) &&
    isIndexList(l.emailColumns) &&
    l.emailColumns.length > 0 &&
    isIndexList(l.visibleColumns) &&
    [...l.emailColumns, ...l.visibleColumns].every((i) => i < l.headers.length)
  );
}

/**
 * A kept configuration, if it is whole, from this build and young enough. Whatever comes out of a
 * cache is untrusted: a corrupted or foreign entry must read as "nothing kept", never as a config.
 */
export function readConfig(json: string | undefined, build: string, now: number): Config | undefined {
  if (!json) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const c = value as Config;
  if (typeof c !== 'object' || c === null || c.build !== build) return undefined;
  if (typeof c.builtAt !== 'number' || !(now - c.builtAt < CONFIG_MAX_AGE_MS) || c.builtAt > now + 60_000)
    return undefined;
  if (!isString(c.spreadsheetId) || !isString(c.keyDigest) || !isSettings(c.settings)) return undefined;
  if (!Array.isArray(c.problems) || !c.problems.every(isString)) return undefined;
  if (c.layout === undefined ? !isString(c.error) : !isLayout(c.layout)) return undefined;
  return c;
}
