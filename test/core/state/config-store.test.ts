import { buildConfig, StructureSnapshot } from '../../../src/core/state/config';
import { currentState, loadSharedState, StoreDeps } from '../../../src/core/state/config-store';
import { generationsIn, publishChange, readCachedGenerations } from '../../../src/core/state/freshness';
import { CACHE_KEY, PROPERTY } from '../../../src/core/state/store-keys';
import { plainPlatform, sha256 } from '../../support/plain-ports';

const SNAPSHOT: StructureSnapshot = {
  tabs: ['Contacts'],
  settingsRows: null,
  headers: { Contacts: { cells: ['Name', 'Email'], hidden: [false, false] } },
};

function store() {
  const platform = plainPlatform();
  const s = {
    ...platform,
    rebuilds: 0,
    onLoad: undefined as StoreDeps['onLoad'],
    rebuild(properties: Record<string, string>, structureGeneration: string) {
      s.rebuilds++;
      return buildConfig(SNAPSHOT, {
        spreadsheetId: properties[PROPERTY.spreadsheetId] ?? '',
        accessKey: properties[PROPERTY.accessKey],
        structureGeneration,
        now: platform.now(),
        sha256,
      });
    },
  };
  s.properties.setAll({ [PROPERTY.spreadsheetId]: 'id', [PROPERTY.accessKey]: 'k' });
  return s satisfies StoreDeps;
}

describe('loadSharedState', () => {
  test('starts the generations once, builds the configuration once, and keeps both', () => {
    const s = store();
    const first = loadSharedState(s);
    expect(first.generations).toEqual(generationsIn(s.properties.getAll()));
    expect(s.rebuilds).toBe(1);
    expect(s.properties.map.get(PROPERTY.config)).toBe(JSON.stringify(first.config));
    const cached = Object.fromEntries(s.cache.map);
    expect(readCachedGenerations(cached, s.now())).toEqual(first.generations);
    expect(cached[CACHE_KEY.config]).toBe(JSON.stringify(first.config));
    expect(first.rebuilt).toBe(true);
    s.cache.map.clear();
    // Read back, not rebuilt: the same state, without the mark that says this execution built it.
    expect(loadSharedState(s)).toEqual({ generations: first.generations, config: first.config });
    expect(s.rebuilds).toBe(1);
  });

  test('a configuration from another structure generation, or too old, is rebuilt', () => {
    const s = store();
    loadSharedState(s);
    s.properties.setAll({ [PROPERTY.structureGeneration]: 'changed' });
    expect(loadSharedState(s).config.structureGeneration).toBe('changed');
    expect(s.rebuilds).toBe(2);
    s.advance(10 * 60_000);
    loadSharedState(s);
    expect(s.rebuilds).toBe(3);
  });

  test('without the lock it still answers but publishes nothing', () => {
    const s = store();
    loadSharedState(s);
    s.cache.map.clear();
    s.properties.setAll({ [PROPERTY.structureGeneration]: 'changed' });
    const writes = s.properties.writes;
    s.lock.available = false;
    expect(loadSharedState(s).config.contacts).toEqual({ layout: expect.objectContaining({ emailColumns: [1] }) });
    expect(s.properties.writes).toBe(writes);
    expect(s.cache.map.size).toBe(0);
  });

  test('the very first lookup without the lock caches nothing: no generations to stamp it with', () => {
    const s = store();
    s.lock.available = false;
    expect(loadSharedState(s).generations).toBeUndefined();
    expect(generationsIn(s.properties.getAll())).toBeUndefined();
  });

  test('a Script Properties write failure only costs speed', () => {
    const s = store();
    loadSharedState(s);
    s.properties.setAll({ [PROPERTY.structureGeneration]: 'changed' });
    s.properties.setAll = () => {
      throw new Error('quota');
    };
    expect(loadSharedState(s).config.contacts).toHaveProperty('layout');
    expect(s.log.warnings.join()).toContain('quota');
  });

  test('new generations that cannot be written: the lookup still answers, and caches nothing', () => {
    const s = store();
    s.properties.setAll = () => {
      throw new Error('quota');
    };
    const state = loadSharedState(s);
    expect(state.generations).toBeUndefined();
    expect(state.config.contacts).toHaveProperty('layout');
    expect(s.cache.map.size).toBe(0);
  });

  test('the onLoad hook sees the properties', () => {
    const seen: string[] = [];
    const s = store();
    s.onLoad = (p) => seen.push(p[PROPERTY.accessKey]);
    loadSharedState(s);
    expect(seen).toEqual(['k']);
  });
});

describe('currentState when Script Properties cannot be read (their daily quota spent)', () => {
  const spent = (s: ReturnType<typeof store>) => {
    s.properties.getAll = () => {
      throw new Error('Service invoked too many times for one day: properties.');
    };
  };

  test('the last confirmed state answers, whatever its age, and Script Properties rest for a minute', () => {
    const s = store();
    const confirmed = loadSharedState(s);
    s.advance(6 * 60 * 60_000 - 1);
    spent(s);
    const state = currentState(s, []);
    expect(state).toMatchObject({ generations: confirmed.generations, config: confirmed.config, lastConfirmed: true });
    expect(s.log.errors.join()).toContain('Script Properties could not be read');
    // Within the minute, no Properties call and no lock: the cache says they failed.
    let tried = 0;
    s.properties.getAll = () => {
      tried++;
      throw new Error('quota');
    };
    s.advance(59_000);
    expect(currentState(s, []).lastConfirmed).toBe(true);
    expect(tried).toBe(0);
    s.advance(1_000);
    expect(currentState(s, []).lastConfirmed).toBe(true);
    expect(tried).toBe(1);
  });

  test('a change announced meanwhile is part of the last confirmed state', () => {
    const s = store();
    const confirmed = loadSharedState(s);
    s.advance(2 * 60_000);
    spent(s);
    expect(() => publishChange(s, 'content')).toThrow();
    expect(currentState(s, []).generations?.content).not.toBe(confirmed.generations?.content);
  });

  test('nothing confirmed in the cache: the failure stands (the lookup answers "unavailable")', () => {
    const s = store();
    spent(s);
    expect(() => currentState(s, [])).toThrow('properties.');
  });

  test('other failures are not hidden by the last confirmed state', () => {
    const s = store();
    loadSharedState(s);
    s.properties.setAll({ [PROPERTY.structureGeneration]: 'changed' });
    s.advance(2 * 60_000);
    s.rebuild = () => {
      throw new Error('Spreadsheet not found');
    };
    expect(() => currentState(s, [])).toThrow('Spreadsheet not found');
  });
});
