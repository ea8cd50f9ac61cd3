/**
 * state/: what every execution shares — the settings schema, the column layout, the configuration and its store, freshness, store keys.
 *
 * The compiled configuration a lookup needs: where the contacts are, the settings, and the digest of
 * the access key. Built from the spreadsheet when the structure generation changes or it grows old,
 * then kept in CacheService and Script Properties so lookups rarely rebuild it.
 */
import { Sha256Hex } from '../request/auth';
import { buildLayout, chooseContactsTab, Layout } from './layout';
import { CONFIG_ERROR } from '../messages';
import { isSettings, parseSettings, Settings } from './settings';
import { CHATS_TAB } from '../tabs/tabs';
import { parseStoredObject } from './store-keys';

/** Where the contacts are, or why they cannot be found (for the admin). */
export type ContactsPlace = { layout: Layout } | { error: string };

export interface Config {
  /** The structure generation this was built under; it is used under that generation only. */
  structureGeneration: string;
  builtAt: number;
  spreadsheetId: string;
  /** Hex SHA-256 of the access key; '' while no key exists. */
  keyDigest: string;
  settings: Settings;
  contacts: ContactsPlace;
  /** Whether the Chats tab exists, so lookups can search a returning visitor's past chats. */
  chats: boolean;
  /** Non-fatal findings for Check setup: invalid settings and the defaults used instead. */
  problems: string[];
  /** Cells of every tab's grid when the structure was read (Google allows 10,000,000), if known. */
  cells?: number;
  /** The spreadsheet's time zone (an IANA name), which says when a day starts for Chats per day. */
  timeZone?: string;
}

/** Row 1 of a tab: display values, and whether staff hid each column. */
export interface TabHeader {
  cells: string[];
  hidden: boolean[];
}

/** What building a configuration reads from the spreadsheet, in as few calls as the adapter can. */
export interface StructureSnapshot {
  tabs: string[];
  /** Display values of the Settings tab, or null when there is none. */
  settingsRows: string[][] | null;
  /** Row 1 of every tab that may hold the contacts (not the tabs the app writes). */
  headers: Record<string, TabHeader>;
  /** Cells of every tab's grid, rows times columns, when the adapter read them. */
  cells?: number;
  timeZone?: string;
}

export interface ConfigInputs {
  spreadsheetId: string;
  accessKey: string | undefined;
  structureGeneration: string;
  now: number;
  sha256: Sha256Hex;
}

export function buildConfig(snapshot: StructureSnapshot | undefined, inputs: ConfigInputs): Config {
  const { settings, problems } = parseSettings(snapshot?.settingsRows ?? []);
  const base = {
    structureGeneration: inputs.structureGeneration,
    builtAt: inputs.now,
    spreadsheetId: inputs.spreadsheetId,
    keyDigest: inputs.accessKey ? inputs.sha256(inputs.accessKey) : '',
    settings,
    problems,
    chats: snapshot?.tabs.includes(CHATS_TAB) ?? false,
    ...(snapshot?.cells === undefined ? {} : { cells: snapshot.cells }),
    ...(snapshot?.timeZone === undefined ? {} : { timeZone: snapshot.timeZone }),
  };
  const choice = snapshot ? chooseContactsTab(snapshot.tabs, settings) : { error: CONFIG_ERROR.spreadsheetUnknown };
  if ('error' in choice) return { ...base, contacts: choice };
  const { cells, hidden } = snapshot?.headers[choice.tab] ?? { cells: [], hidden: [] };
  const result = buildLayout(choice.tab, cells, hidden, settings);
  if (!result.ok) return { ...base, contacts: { error: result.error } };
  return { ...base, contacts: { layout: result.layout }, problems: [...problems, ...result.problems] };
}

/**
 * A configuration is rebuilt after Cache minutes (at least one) even when no trigger reported a
 * change, so a column hidden without any trigger firing stops reaching agents within that time.
 */
export function configMaxAgeMs(settings: Settings): number {
  return Math.max(1, settings.cacheMinutes) * 60_000;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isIndexList = (v: unknown, below: number): v is number[] =>
  Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 0 && n < below);

function isContactsPlace(v: unknown): v is ContactsPlace {
  const place = v as { layout?: Record<string, unknown>; error?: unknown } | null;
  const layout = place?.layout;
  if (!layout) return isString(place?.error);
  const width = Array.isArray(layout.headers) && layout.headers.every(isString) ? layout.headers.length : 0;
  const { tab, emailColumns, visibleColumns } = layout;
  return (
    isString(tab) && isIndexList(emailColumns, width) && emailColumns.length > 0 && isIndexList(visibleColumns, width)
  );
}

/**
 * A kept configuration, if it is whole and (when `structureGeneration` is given) built under that
 * generation, whatever its age. Whatever comes out of a store is untrusted: a corrupt or foreign
 * entry reads as "nothing kept".
 */
export function keptConfig(json: string | undefined, structureGeneration?: string): Config | undefined {
  const c = parseStoredObject(json);
  if (!c || typeof c.structureGeneration !== 'string' || typeof c.builtAt !== 'number') return;
  if (structureGeneration !== undefined && c.structureGeneration !== structureGeneration) return;
  const whole =
    isString(c.spreadsheetId) &&
    isString(c.keyDigest) &&
    isSettings(c.settings) &&
    Array.isArray(c.problems) &&
    c.problems.every(isString) &&
    isContactsPlace(c.contacts) &&
    typeof c.chats === 'boolean' &&
    (c.cells === undefined || typeof c.cells === 'number') &&
    (c.timeZone === undefined || isString(c.timeZone));
  return whole ? (c as unknown as Config) : undefined;
}

/** A kept configuration, if it is whole, built under this structure generation and young enough. */
export function readConfig(json: string | undefined, structureGeneration: string, now: number): Config | undefined {
  const c = structureGeneration ? keptConfig(json, structureGeneration) : undefined;
  // Not older than its maximum age, and not from the future beyond a minute of clock skew.
  const fresh = c && now - c.builtAt < configMaxAgeMs(c.settings) && c.builtAt <= now + 60_000;
  return fresh ? c : undefined;
}
