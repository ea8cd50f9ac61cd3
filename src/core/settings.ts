/**
 * The settings staff edit in the Settings tab: names, defaults, validation. An invalid value never
 * breaks lookups: it falls back to the default and is reported by Check setup.
 */
import { normalizeName } from './text';

export interface Settings {
  /** Tab holding the contacts; '' means the tab named Contacts, else the first tab. */
  contactsTab: string;
  /** Header of the main email column; '' means detect (Email, E-mail, Email address, E-mail address). */
  emailColumn: string;
  /** Headers of further email columns to search, e.g. Secondary email. */
  extraEmailColumns: string[];
  maxMatches: number;
  /** '' means the default `Header: value` layout. */
  answerTemplate: string;
  noMatchText: string;
  maxAnswerLength: number;
  cacheMinutes: number;
  lookupLog: boolean;
  logRetentionDays: number;
}

export const SETTINGS_TAB = 'Settings';
/** What staff type in the Value cell to make a text setting empty (a blank cell means the default). */
export const EMPTY_VALUE = '(empty)';

interface SettingSpec {
  name: string;
  help: string;
  defaultText: string;
  apply(settings: Settings, value: string): string | undefined;
}

function wholeNumber(min: number, max: number, set: (s: Settings, n: number) => void) {
  return (settings: Settings, value: string): string | undefined => {
    const n = Number(value.replace(/[\s,]/g, ''));
    if (!Number.isInteger(n) || n < min || n > max) return `must be a whole number from ${min} to ${max}`;
    set(settings, n);
    return undefined;
  };
}

const YES = ['on', 'yes', 'true', '1'];
const NO = ['off', 'no', 'false', '0'];

/** Every setting, in the order the Settings tab lists them. */
export const SETTING_SPECS: readonly SettingSpec[] = [
  {
    name: 'Contacts tab',
    help: 'Name of the tab that holds the contacts. Blank: the tab named Contacts, else the first tab.',
    defaultText: '',
    apply: (s, v) => void (s.contactsTab = v),
  },
  {
    name: 'Email column',
    help: 'Header of the email column. Blank: the first column headed Email, E-mail, Email address or E-mail address.',
    defaultText: '',
    apply: (s, v) => void (s.emailColumn = v),
  },
  {
    name: 'Extra email columns',
    help: 'Headers of more columns holding emails to search, separated by commas (e.g. Secondary email).',
    defaultText: '',
    apply: (s, v) =>
      void (s.extraEmailColumns = v
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean)),
  },
  {
    name: 'Max matches',
    help: 'How many matching rows an answer shows at most (1 to 50).',
    defaultText: '5',
    apply: wholeNumber(1, 50, (s, n) => (s.maxMatches = n)),
  },
  {
    name: 'Answer template',
    help: 'Replaces the default "Header: value" lines. Use {{Header}} for a column, {{email}} for the email looked up; \\n for a new line.',
    defaultText: '',
    apply: (s, v) => void (s.answerTemplate = v === EMPTY_VALUE ? '' : v.replace(/\\n/g, '\n')),
  },
  {
    name: 'No match text',
    help: `What agents see when no row matches; {{email}} is the email looked up. Write ${EMPTY_VALUE} to show nothing.`,
    defaultText: 'No contact found for {{email}}',
    apply: (s, v) => void (s.noMatchText = v === EMPTY_VALUE ? '' : v),
  },
  {
    name: 'Max answer length',
    help: 'Longest answer in characters (200 to 20000); longer answers are shortened.',
    defaultText: '2000',
    apply: wholeNumber(200, 20000, (s, n) => (s.maxAnswerLength = n)),
  },
  {
    name: 'Cache minutes',
    help: 'How long an answer may be reused (0 to 360). Edits in the spreadsheet clear it at once; this bounds changes no trigger sees, such as formulas.',
    defaultText: '10',
    apply: wholeNumber(0, 360, (s, n) => (s.cacheMinutes = n)),
  },
  {
    name: 'Lookup log',
    help: 'On: every lookup adds a row (time, case, email, IP, page, matches) to the Lookup log tab. Stores personal data; off by default.',
    defaultText: 'off',
    apply: (s, v) => {
      const word = v.toLowerCase();
      if (YES.includes(word)) s.lookupLog = true;
      else if (NO.includes(word)) s.lookupLog = false;
      else return 'must be on or off';
      return undefined;
    },
  },
  {
    name: 'Log retention days',
    help: 'Lookup log rows older than this are deleted (1 to 3650).',
    defaultText: '30',
    apply: wholeNumber(1, 3650, (s, n) => (s.logRetentionDays = n)),
  },
];

export function defaultSettings(): Settings {
  const settings = {} as Settings;
  for (const spec of SETTING_SPECS) {
    // Defaults are valid by construction (a unit test applies each one).
    spec.apply(settings, spec.defaultText);
  }
  return settings;
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
  const settings = defaultSettings();
  const problems: string[] = [];
  const byName = new Map(SETTING_SPECS.map((spec) => [normalizeName(spec.name), spec]));
  const seen = new Set<string>();
  rows.slice(1).forEach((row, index) => {
    const name = normalizeName(row[0] ?? '');
    const value = (row[1] ?? '').trim();
    if (!name) return;
    const spec = byName.get(name);
    const where = `Settings row ${index + 2}`;
    if (!spec) {
      problems.push(`${where}: unknown setting "${row[0].trim()}" is ignored.`);
      return;
    }
    if (seen.has(name)) {
      problems.push(`${where}: "${spec.name}" is set twice; the first one is used.`);
      return;
    }
    seen.add(name);
    if (value === '') return;
    const error = spec.apply(settings, value);
    if (error) {
      spec.apply(settings, spec.defaultText);
      const shown = spec.defaultText === '' ? 'blank' : spec.defaultText;
      problems.push(`${where}: "${spec.name}" ${error}; using the default (${shown}).`);
    }
  });
  return { settings, problems };
}

/** Header and rows for a new Settings tab, or the rows an existing one lacks. Values start as the defaults. */
export const SETTINGS_HEADER = ['Setting', 'Value', 'What it does'];

export function missingSettingRows(existing: string[][]): string[][] {
  const present = new Set(existing.map((row) => normalizeName(row[0] ?? '')));
  return SETTING_SPECS.filter((spec) => !present.has(normalizeName(spec.name))).map((spec) => [
    spec.name,
    spec.defaultText,
    spec.help,
  ]);
}
