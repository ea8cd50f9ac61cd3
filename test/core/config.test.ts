import { buildConfig, CONFIG_MAX_AGE_MS, readConfig, StructureReader } from '../../src/core/config';
import { SETTINGS_HEADER } from '../../src/core/settings';
import { sha256 } from './plain-ports';

function reader(over: Partial<StructureReader> = {}): StructureReader {
  return {
    tabNames: () => ['Contacts', 'Settings'],
    settingsRows: () => [SETTINGS_HEADER, ['Max matches', '3'], ['Cache minutes', 'x']],
    headerRow: () => ['Name', 'Email', 'Secret', ''],
    hiddenColumns: (_tab, width) => Array.from({ length: width }, (_, i) => i === 2),
    ...over,
  };
}

describe('buildConfig', () => {
  test('collects settings, layout, key digest and problems', () => {
    const config = buildConfig(reader(), 'sheet-id', 'key', sha256, 'b1', 5);
    expect(config).toEqual({
      build: 'b1',
      builtAt: 5,
      spreadsheetId: 'sheet-id',
      keyDigest: sha256('key'),
      settings: expect.objectContaining({ maxMatches: 3, cacheMinutes: 10 }),
      layout: { tab: 'Contacts', headers: ['Name', 'Email', 'Secret'], emailColumns: [1], visibleColumns: [0, 1] },
      problems: ['Settings row 3: "Cache minutes" must be a whole number from 0 to 360; using the default (10).'],
    });
  });

  test('never takes the Settings tab for the contacts', () => {
    const config = buildConfig(reader({ tabNames: () => ['Settings', 'People'] }), 'id', 'k', sha256, 'b', 0);
    expect(config.layout?.tab).toBe('People');
  });

  test('no key: empty digest; no spreadsheet known: an error for the admin', () => {
    expect(buildConfig(reader(), 'id', undefined, sha256, 'b', 0).keyDigest).toBe('');
    const unknown = buildConfig(undefined, '', 'k', sha256, 'b', 0);
    expect(unknown.error).toContain('run Contact lookup > Set up');
    expect(unknown.layout).toBeUndefined();
  });

  test('misconfiguration is kept as an error, not thrown', () => {
    const config = buildConfig(reader({ headerRow: () => ['Name'] }), 'id', 'k', sha256, 'b', 0);
    expect(config.error).toContain('No email column');
    expect(config.layout).toBeUndefined();
  });
});

describe('readConfig', () => {
  const config = buildConfig(reader(), 'id', 'k', sha256, 'b1', 1_000_000);
  const json = JSON.stringify(config);

  test('round-trips a whole, current config', () => {
    expect(readConfig(json, 'b1', 1_000_000 + 1000)).toEqual(config);
  });

  test('rejects another build, old age, future time and corrupt or partial values', () => {
    expect(readConfig(json, 'b2', 1_000_000)).toBeUndefined();
    expect(readConfig(json, 'b1', 1_000_000 + CONFIG_MAX_AGE_MS)).toBeUndefined();
    expect(readConfig(json, 'b1', 0)).toBeUndefined();
    for (const bad of [
      '',
      '{',
      'null',
      '[]',
      JSON.stringify({ ...config, keyDigest: 1 }),
      JSON.stringify({ ...config, settings: { ...config.settings, maxMatches: 0 } }),
      JSON.stringify({ ...config, layout: { ...config.layout, emailColumns: [] } }),
      JSON.stringify({ ...config, layout: { ...config.layout, visibleColumns: [99] } }),
      JSON.stringify({ ...config, layout: undefined }),
    ]) {
      expect(readConfig(bad, 'b1', 1_000_000)).toBeUndefined();
    }
  });
});
