import {
  defaultSettings,
  EMPTY_VALUE,
  isSettings,
  missingSettingRows,
  parseSettings,
  SETTINGS,
  SETTINGS_HEADER,
  Settings,
} from '../../../src/core/state/settings';
import { SETTING_HELP } from '../../../src/core/messages';

const SPECS = Object.values(SETTINGS);

const table = (...rows: string[][]) => [SETTINGS_HEADER, ...rows];

describe('settings', () => {
  test('defaults', () => {
    expect(defaultSettings()).toEqual({
      contactsTab: '',
      emailColumn: '',
      extraEmailColumns: [],
      maxMatches: 5,
      answerTemplate: '',
      noMatchText: 'No contact found for {{email}}',
      maxAnswerLength: 2000,
      cacheMinutes: 10,
      lookupLog: false,
      logRetentionDays: 30,
      chatHistory: false,
      chatTranscripts: false,
      chatRetentionDays: 365,
      chatsPerDay: 5000,
    });
  });

  test('each default value, as a new Settings tab shows it, parses without a problem', () => {
    const rows = missingSettingRows([]).map(([name, value]) => [name, value]);
    expect(parseSettings(table(...rows))).toEqual({ settings: defaultSettings(), problems: [] });
  });

  test('cached settings are trusted only when every field is present and valid', () => {
    expect(isSettings(defaultSettings())).toBe(true);
    expect(isSettings({ ...defaultSettings(), maxMatches: 0 })).toBe(false);
    expect(isSettings({ ...defaultSettings(), lookupLog: 'on' })).toBe(false);
    const partial: Partial<Settings> = defaultSettings();
    delete partial.cacheMinutes;
    expect(isSettings(partial)).toBe(false);
    expect(isSettings(null)).toBe(false);
  });

  test('values are read by setting name, any case and spacing', () => {
    const { settings, problems } = parseSettings(
      table(
        ['  max   MATCHES ', '3'],
        ['Extra email columns', 'Secondary email, Work email ,'],
        ['Lookup log', 'Yes'],
        ['Answer template', '{{Name}}\\n{{Plan}}'],
        ['Max answer length', '1,000'],
      ),
    );
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      maxMatches: 3,
      extraEmailColumns: ['Secondary email', 'Work email'],
      lookupLog: true,
      answerTemplate: '{{Name}}\n{{Plan}}',
      maxAnswerLength: 1000,
    });
  });

  test('an invalid value falls back to the default and is reported with the row', () => {
    const { settings, problems } = parseSettings(
      table(['Max matches', '0'], ['Cache minutes', 'ten'], ['Lookup log', 'maybe'], ['Log retention days', '2.5']),
    );
    expect(settings).toEqual(defaultSettings());
    expect(problems).toEqual([
      'Settings row 2: "Max matches" must be a whole number from 1 to 50; using the default (5).',
      'Settings row 3: "Cache minutes" must be a whole number from 0 to 360; using the default (10).',
      'Settings row 4: "Lookup log" must be on or off; using the default (off).',
      'Settings row 5: "Log retention days" must be a whole number from 1 to 3650; using the default (30).',
    ]);
  });

  test('unknown and repeated settings are reported; blank values keep the default', () => {
    const { settings, problems } = parseSettings(
      table(['Colour', 'blue'], ['Max matches', '2'], ['Max matches', '9'], ['No match text', '']),
    );
    expect(settings.maxMatches).toBe(2);
    expect(settings.noMatchText).toBe('No contact found for {{email}}');
    expect(problems).toEqual([
      'Settings row 2: unknown setting "Colour" is ignored.',
      'Settings row 4: "Max matches" is set twice; the first one is used.',
    ]);
  });

  test(`${EMPTY_VALUE} makes the no-match text empty`, () => {
    expect(parseSettings(table(['No match text', EMPTY_VALUE])).settings.noMatchText).toBe('');
  });

  test('missing rows for a Settings tab: all of them for a new tab, only the absent ones later', () => {
    expect(missingSettingRows([]).map((r) => r[0])).toEqual(SPECS.map((s) => s.name));
    const missing = missingSettingRows(table(['max matches', '4'], ['Lookup log', 'on']));
    expect(missing.map((r) => r[0])).not.toContain('Max matches');
    expect(missing).toHaveLength(SPECS.length - 2);
    expect(missing[0]).toEqual(['Contacts tab', '', SETTING_HELP.contactsTab]);
    expect(missingSettingRows([]).find((r) => r[0] === 'Lookup log')).toEqual([
      'Lookup log',
      'off',
      SETTING_HELP.lookupLog,
    ]);
  });
});
