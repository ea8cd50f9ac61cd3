/**
 * The compiled configuration a lookup needs: where the contacts are, the settings, and the digest of
 * the access key. Built from the spreadsheet when the structure generation changes or it grows old,
 * then kept in CacheService and Script Properties so lookups rarely rebuild it.
 */
import { Sha256Hex } from './auth';
import { buildLayout, chooseContactsTab, Layout } from './layout';
import { CONFIG_ERROR } from './messages';
import { isSettings, parseSettings, Settings } from './settings';
import { CHATS_TAB } from './tabs';

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
  };
  if (!snapshot) return { ...base, contacts: { error: CONFIG_ERROR.spreadsheetUnknown } };
  const choice = chooseContactsTab(snapshot.tabs, settings);
  if ('error' in choice) return { ...base, contacts: choice };
  const header = snapshot.headers[choice.tab] ?? { cells: [], hidden: [] };
  const result = buildLayout(choice.tab, header.cells, header.hidden, settings);
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
const isIndexList = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 0);

function isLayout(v: unknown): v is Layout {
  if (typeof v !== 'object' || v === null) return false;
  const l = v as Record<string, unknown>;
  return (
    isString(l.tab) &&
    Array.isArray(l.headers) &&
    l.headers.every(isString) &&
    isIndexList(l.emailColumns) &&
    l.emailColumns.length > 0 &&
    isIndexList(l.visibleColumns) &&
    [...l.emailColumns, ...l.visibleColumns].every((i) => i < (l.headers as string[]).length)
  );
}

function isContactsPlace(v: unknown): v is ContactsPlace {
  if (typeof v !== 'object' || v === null) return false;
  const place = v as Record<string, unknown>;
  return 'layout' in place ? isLayout(place.layout) : isString(place.error);
}

/**
 * A kept configuration, if it is whole, built under this structure generation and young enough.
 * Whatever comes out of a cache is untrusted: a corrupt or foreign entry reads as "nothing kept".
 */
export function readConfig(json: string | undefined, structureGeneration: string, now: number): Config | undefined {
  if (!json || !structureGeneration) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const c = value as Record<string, unknown>;
  if (c.structureGeneration !== structureGeneration || typeof c.builtAt !== 'number') return undefined;
  if (!isString(c.spreadsheetId) || !isString(c.keyDigest) || !isSettings(c.settings)) return undefined;
  if (!Array.isArray(c.problems) || !c.problems.every(isString) || !isContactsPlace(c.contacts)) return undefined;
  if (typeof c.chats !== 'boolean') return undefined;
  // Not older than its maximum age, and not from the future beyond a minute of clock skew.
  if (!(now - c.builtAt < configMaxAgeMs(c.settings)) || c.builtAt > now + 60_000) return undefined;
  return value as Config;
}
