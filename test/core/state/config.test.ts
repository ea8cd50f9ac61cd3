import { buildConfig, configMaxAgeMs, readConfig, StructureSnapshot } from '../../../src/core/state/config';
import { SETTINGS_HEADER } from '../../../src/core/state/settings';
import { sha256 } from '../../support/plain-ports';

function snapshot(over: Partial<StructureSnapshot> = {}): StructureSnapshot {
  return {
    tabs: ['Contacts', 'Settings'],
    settingsRows: [SETTINGS_HEADER, ['Max matches', '3'], ['Cache minutes', 'x']],
    headers: { Contacts: { cells: ['Name', 'Email', 'Secret', ''], hidden: [false, false, true, false] } },
    ...over,
  };
}

const inputs = (over = {}) => ({
  spreadsheetId: 'sheet-id',
  accessKey: 'key',
  structureGeneration: 's1',
  now: 5,
  sha256,
  ...over,
});

describe('buildConfig', () => {
  test('collects settings, layout, key digest and problems', () => {
    expect(buildConfig(snapshot(), inputs())).toEqual({
      structureGeneration: 's1',
      builtAt: 5,
      spreadsheetId: 'sheet-id',
      keyDigest: sha256('key'),
      settings: expect.objectContaining({ maxMatches: 3, cacheMinutes: 10 }),
      contacts: {
        layout: { tab: 'Contacts', headers: ['Name', 'Email', 'Secret'], emailColumns: [1], visibleColumns: [0, 1] },
      },
      problems: ['Settings row 3: "Cache minutes" must be a whole number from 0 to 360; using the default (10).'],
      chats: false,
    });
  });

  test('never takes a tab the app writes for the contacts', () => {
    const headers = { People: { cells: ['Email'], hidden: [] } };
    const config = buildConfig(snapshot({ tabs: ['Settings', 'Lookup log', 'Chats', 'People'], headers }), inputs());
    expect(config.contacts).toEqual({ layout: expect.objectContaining({ tab: 'People' }) });
  });

  test('no key: empty digest; no spreadsheet known: an error for the admin', () => {
    expect(buildConfig(snapshot(), inputs({ accessKey: undefined })).keyDigest).toBe('');
    expect(buildConfig(undefined, inputs()).contacts).toEqual({
      error: expect.stringContaining('run Contact lookup > Set up'),
    });
  });

  test('misconfiguration is kept as an error, not thrown', () => {
    const headers = { Contacts: { cells: ['Name'], hidden: [false] } };
    expect(buildConfig(snapshot({ headers }), inputs()).contacts).toEqual({
      error: expect.stringContaining('No email column'),
    });
  });
});

describe('readConfig', () => {
  const config = buildConfig(snapshot(), inputs({ now: 1_000_000 }));
  const json = JSON.stringify(config);

  test('round-trips a whole config built under the current structure generation', () => {
    expect(readConfig(json, 's1', 1_000_000 + 1000)).toEqual(config);
  });

  test('its maximum age is Cache minutes, at least one minute', () => {
    expect(configMaxAgeMs(config.settings)).toBe(10 * 60_000);
    expect(configMaxAgeMs({ ...config.settings, cacheMinutes: 0 })).toBe(60_000);
    expect(readConfig(json, 's1', 1_000_000 + 10 * 60_000 - 1)).toEqual(config);
    expect(readConfig(json, 's1', 1_000_000 + 10 * 60_000)).toBeUndefined();
  });

  test('rejects another structure generation, the future and corrupt or partial values', () => {
    expect(readConfig(json, 's2', 1_000_000)).toBeUndefined();
    expect(readConfig(json, '', 1_000_000)).toBeUndefined();
    expect(readConfig(json, 's1', 0)).toBeUndefined();
    const layout = 'layout' in config.contacts ? config.contacts.layout : undefined;
    for (const bad of [
      '',
      '{',
      'null',
      '[]',
      JSON.stringify({ ...config, keyDigest: 1 }),
      JSON.stringify({ ...config, settings: { ...config.settings, maxMatches: 0 } }),
      JSON.stringify({ ...config, contacts: { layout: { ...layout, emailColumns: [] } } }),
      JSON.stringify({ ...config, contacts: { layout: { ...layout, visibleColumns: [99] } } }),
      JSON.stringify({ ...config, contacts: {} }),
      JSON.stringify({ ...config, problems: [1] }),
    ]) {
      expect(readConfig(bad, 's1', 1_000_000)).toBeUndefined();
    }
  });
});
