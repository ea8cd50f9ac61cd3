/**
 * The settings staff edit in the Settings tab, described once: the schema below gives the Settings
 * type, the defaults, the parsing of a typed value, the check of a cached value and the rows of a new
 * Settings tab. An invalid value never breaks lookups: the default is used and Check setup reports it.
 */
import { SETTING_HELP, settingProblem } from '../messages';
import { normalizeName } from '../text';

/** How one kind of value is read from a Settings cell, checked when it comes back from a cache, and shown. */
interface ValueKind<T> {
  /** The value, or the problem (e.g. "must be on or off") when the text is not one. */
  parse(text: string): { value: T } | { problem: string };
  is(value: unknown): value is T;
  show(value: T): string;
}

interface SettingSpec<T> {
  name: string;
  defaultValue: T;
  kind: ValueKind<T>;
}

/** What staff type in the Value cell to make a text setting empty (a blank cell means the default). */
export const EMPTY_VALUE = '(empty)';

const freeText = (transform = (text: string) => text): ValueKind<string> => ({
  parse: (text) => ({ value: text === EMPTY_VALUE ? '' : transform(text) }),
  is: (value) => typeof value === 'string',
  show: String,
});

const textList: ValueKind<string[]> = {
  parse: (text) => ({ value: text.split(',').flatMap((item) => item.trim() || []) }),
  is: (value): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string'),
  show: (value) => value.join(', '),
};

const wholeNumber = (min: number, max: number): ValueKind<number> => {
  const is = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= min && (n as number) <= max;
  return {
    parse(text) {
      const n = Number(text.replace(/[\s,]/g, ''));
      return is(n) ? { value: n } : { problem: settingProblem.range(min, max) };
    },
    is,
    show: String,
  };
};

const WORDS: Record<string, boolean> = {
  on: true,
  yes: true,
  true: true,
  1: true,
  off: false,
  no: false,
  false: false,
  0: false,
};
const onOff: ValueKind<boolean> = {
  parse(text) {
    const value = WORDS[text.toLowerCase()];
    return value === undefined ? { problem: settingProblem.onOff } : { value };
  },
  is: (value) => typeof value === 'boolean',
  show: (value) => (value ? 'on' : 'off'),
};

const setting = <T>(name: string, defaultValue: T, kind: ValueKind<T>): SettingSpec<T> => ({
  name,
  defaultValue,
  kind,
});

/** Every setting, in the order the Settings tab lists them; SETTING_HELP explains each. */
export const SETTINGS = {
  contactsTab: setting('Contacts tab', '', freeText()),
  emailColumn: setting('Email column', '', freeText()),
  extraEmailColumns: setting<string[]>('Extra email columns', [], textList),
  maxMatches: setting('Max matches', 5, wholeNumber(1, 50)),
  // "\n" typed in the cell is a line break in the answer.
  answerTemplate: setting(
    'Answer template',
    '',
    freeText((t) => t.replace(/\\n/g, '\n')),
  ),
  noMatchText: setting('No match text', 'No contact found for {{email}}', freeText()),
  maxAnswerLength: setting('Max answer length', 2000, wholeNumber(200, 20000)),
  cacheMinutes: setting('Cache minutes', 10, wholeNumber(0, 360)),
  lookupLog: setting('Lookup log', false, onOff),
  logRetentionDays: setting('Log retention days', 30, wholeNumber(1, 3650)),
  chatHistory: setting('Chat history', false, onOff),
  chatTranscripts: setting('Chat transcripts', false, onOff),
  chatRetentionDays: setting('Chat retention days', 365, wholeNumber(1, 3650)),
  chatsPerDay: setting('Chats per day', 5000, wholeNumber(0, 1_000_000)),
};

type Schema = typeof SETTINGS;
export type SettingKey = keyof Schema;
export type Settings = { [K in SettingKey]: Schema[K]['defaultValue'] };

const KEYS = Object.keys(SETTINGS) as SettingKey[];

/** A setting's spec for code that loops over keys; each key's value type still comes from the schema. */
const spec = (key: SettingKey) => SETTINGS[key] as SettingSpec<unknown>;
const shownDefault = (key: SettingKey) => spec(key).kind.show(spec(key).defaultValue);

export const SETTINGS_HEADER = ['Setting', 'Value', 'What it does'];

export function defaultSettings(): Settings {
  // Built from the schema, so every key is present with its own type.
  return Object.fromEntries(KEYS.map((key) => [key, spec(key).defaultValue])) as Settings;
}

/** Settings that came back from a cache: every field present and valid, or not settings at all. */
export function isSettings(value: unknown): value is Settings {
  return (
    typeof value === 'object' && value !== null && KEYS.every((key) => spec(key).kind.is((value as Settings)[key]))
  );
}

export interface SettingsResult {
  settings: Settings;
  /** Plain-language problems for Check setup; each names the setting and the default used. */
  problems: string[];
}

/**
 * Reads the Settings tab's rows (display values, header row included): column A the name,
 * column B the value. Blank values keep the default.
 */
export function parseSettings(rows: string[][]): SettingsResult {
  const settings: Record<string, unknown> = defaultSettings();
  const problems: string[] = [];
  const byName = new Map(KEYS.map((key) => [normalizeName(SETTINGS[key].name), key]));
  const seen = new Set<SettingKey>();
  rows.slice(1).forEach(([typed = '', text = ''], index) => {
    const row = index + 2;
    const key = byName.get(normalizeName(typed));
    if (!typed.trim()) return;
    if (!key) return void problems.push(settingProblem.unknown(row, typed.trim()));
    const { name, kind } = spec(key);
    if (seen.has(key)) return void problems.push(settingProblem.twice(row, name));
    seen.add(key);
    if (!text.trim()) return;
    const parsed = kind.parse(text.trim());
    if ('value' in parsed) settings[key] = parsed.value;
    else problems.push(settingProblem.invalid(row, name, parsed.problem, shownDefault(key)));
  });
  return { settings: settings as Settings, problems };
}

/** Rows for a new Settings tab, or the rows an existing one lacks: name, default, explanation. */
export function missingSettingRows(existing: string[][]): string[][] {
  const present = new Set(existing.map((row) => normalizeName(row[0] ?? '')));
  return KEYS.filter((key) => !present.has(normalizeName(SETTINGS[key].name))).map((key) => [
    SETTINGS[key].name,
    shownDefault(key),
    SETTING_HELP[key],
  ]);
}
