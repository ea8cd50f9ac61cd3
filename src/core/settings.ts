/**
 * The settings staff edit in the Settings tab, described once: the schema below gives the Settings
 * type, the defaults, the parsing of a typed value, the check of a cached value and the rows of a new
 * Settings tab. An invalid value never breaks lookups: the default is used and Check setup reports it.
 */
import { SETTING_HELP, settingProblem } from './messages';
import { normalizeName } from './text';

/** How one kind of value is read from a Settings cell, checked when it comes back from a cache, and shown. */
interface ValueKind<T> {
  /** The value, or the problem (e.g. "must be on or off") when the text is not one. */
  parse(text: string): { value: T } | { problem: string };
  is(value: unknown): value is T;
  show(value: T): string;
}

interface SettingSpec<T> {
  name: string;
  help: string;
  defaultValue: T;
  kind: ValueKind<T>;
}

/** What staff type in the Value cell to make a text setting empty (a blank cell means the default). */
export const EMPTY_VALUE = '(empty)';

const freeText = (transform: (text: string) => string = (text) => text): ValueKind<string> => ({
  parse: (text) => ({ value: text === EMPTY_VALUE ? '' : transform(text) }),
  is: (value): value is string => typeof value === 'string',
  show: (value) => value,
});

const textList: ValueKind<string[]> = {
  parse: (text) => ({
    value: text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  }),
  is: (value): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string'),
  show: (value) => value.join(', '),
};

const wholeNumber = (min: number, max: number): ValueKind<number> => ({
  parse(text) {
    const n = Number(text.replace(/[\s,]/g, ''));
    return Number.isInteger(n) && n >= min && n <= max ? { value: n } : { problem: settingProblem.range(min, max) };
  },
  is: (value): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
  show: (value) => String(value),
});

const ON = ['on', 'yes', 'true', '1'];
const OFF = ['off', 'no', 'false', '0'];
const onOff: ValueKind<boolean> = {
  parse(text) {
    const word = text.toLowerCase();
    if (ON.includes(word)) return { value: true };
    if (OFF.includes(word)) return { value: false };
    return { problem: settingProblem.onOff };
  },
  is: (value): value is boolean => typeof value === 'boolean',
  show: (value) => (value ? 'on' : 'off'),
};

function setting<T>(name: string, help: string, defaultValue: T, kind: ValueKind<T>): SettingSpec<T> {
  return { name, help, defaultValue, kind };
}

/** Every setting, in the order the Settings tab lists them. */
export const SETTINGS = {
  contactsTab: setting('Contacts tab', SETTING_HELP.contactsTab, '', freeText()),
  emailColumn: setting('Email column', SETTING_HELP.emailColumn, '', freeText()),
  extraEmailColumns: setting<string[]>('Extra email columns', SETTING_HELP.extraEmailColumns, [], textList),
  maxMatches: setting('Max matches', SETTING_HELP.maxMatches, 5, wholeNumber(1, 50)),
  // "\n" typed in the cell is a line break in the answer.
  answerTemplate: setting(
    'Answer template',
    SETTING_HELP.answerTemplate,
    '',
    freeText((t) => t.replace(/\\n/g, '\n')),
  ),
  noMatchText: setting('No match text', SETTING_HELP.noMatchText, 'No contact found for {{email}}', freeText()),
  maxAnswerLength: setting('Max answer length', SETTING_HELP.maxAnswerLength, 2000, wholeNumber(200, 20000)),
  cacheMinutes: setting('Cache minutes', SETTING_HELP.cacheMinutes, 10, wholeNumber(0, 360)),
  lookupLog: setting('Lookup log', SETTING_HELP.lookupLog, false, onOff),
  logRetentionDays: setting('Log retention days', SETTING_HELP.logRetentionDays, 30, wholeNumber(1, 3650)),
  chatHistory: setting('Chat history', SETTING_HELP.chatHistory, false, onOff),
  chatTranscripts: setting('Chat transcripts', SETTING_HELP.chatTranscripts, false, onOff),
  chatRetentionDays: setting('Chat retention days', SETTING_HELP.chatRetentionDays, 365, wholeNumber(1, 3650)),
};

type Schema = typeof SETTINGS;
export type SettingKey = keyof Schema;
export type Settings = { [K in SettingKey]: Schema[K]['defaultValue'] };

const KEYS = Object.keys(SETTINGS) as SettingKey[];

export const SETTINGS_TAB = 'Settings';
export const SETTINGS_HEADER = ['Setting', 'Value', 'What it does'];

/** One typed write; TypeScript cannot relate a key to its value's type across a loop without it. */
function assign<K extends SettingKey>(settings: Partial<Settings>, key: K, value: Settings[K]): void {
  settings[key] = value;
}

/** The schema again, typed per key, so generic code can reach a setting's spec with its value type. */
const SPECS: { [K in SettingKey]: SettingSpec<Settings[K]> } = SETTINGS;

function spec<K extends SettingKey>(key: K): SettingSpec<Settings[K]> {
  return SPECS[key];
}

export function defaultSettings(): Settings {
  const settings: Partial<Settings> = {};
  for (const key of KEYS) assign(settings, key, spec(key).defaultValue);
  // Every key was assigned just above.
  return settings as Settings;
}

/** Settings that came back from a cache: every field present and valid, or not settings at all. */
export function isSettings(value: unknown): value is Settings {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return KEYS.every((key) => spec(key).kind.is(fields[key]));
}

export interface SettingsResult {
  settings: Settings;
  /** Plain-language problems for Check setup; each names the setting and the default used. */
  problems: string[];
}

function shownDefault(key: SettingKey): string {
  const { kind, defaultValue } = spec(key);
  return kind.show(defaultValue);
}

/**
 * Reads the Settings tab's rows (display values, header row included): column A the name,
 * column B the value. Blank values keep the default.
 */
export function parseSettings(rows: string[][]): SettingsResult {
  const settings = defaultSettings();
  const problems: string[] = [];
  const byName = new Map(KEYS.map((key) => [normalizeName(SETTINGS[key].name), key]));
  const seen = new Set<SettingKey>();
  rows.slice(1).forEach((row, index) => {
    const typed = (row[0] ?? '').trim();
    const value = (row[1] ?? '').trim();
    if (!typed) return;
    const rowNumber = index + 2;
    const key = byName.get(normalizeName(typed));
    if (!key) {
      problems.push(settingProblem.unknown(rowNumber, typed));
      return;
    }
    const { name } = SETTINGS[key];
    if (seen.has(key)) {
      problems.push(settingProblem.twice(rowNumber, name));
      return;
    }
    seen.add(key);
    if (value === '') return;
    const problem = applySetting(settings, key, value);
    if (problem) problems.push(settingProblem.invalid(rowNumber, name, problem, shownDefault(key)));
  });
  return { settings, problems };
}

function applySetting<K extends SettingKey>(settings: Settings, key: K, text: string): string | undefined {
  const parsed = spec(key).kind.parse(text);
  if ('problem' in parsed) return parsed.problem;
  settings[key] = parsed.value;
  return undefined;
}

/** Rows for a new Settings tab, or the rows an existing one lacks: name, default, explanation. */
export function missingSettingRows(existing: string[][]): string[][] {
  const present = new Set(existing.map((row) => normalizeName(row[0] ?? '')));
  return KEYS.filter((key) => !present.has(normalizeName(SETTINGS[key].name))).map((key) => [
    SETTINGS[key].name,
    shownDefault(key),
    SETTINGS[key].help,
  ]);
}
