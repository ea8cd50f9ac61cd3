import { cacheKeys } from '../../src/core/answer-cache';
import { buildConfig, PROPERTY, StructureReader } from '../../src/core/config';
import { ConfigStore, forgetAnswers, forgetConfig, loadConfig } from '../../src/core/config-store';
import { ListLogger, MapCache, MapProperties, sha256, TestLock } from './plain-ports';

function store(headers = ['Name', 'Email']) {
  const reader: StructureReader = {
    tabNames: () => ['Contacts'],
    settingsRows: () => null,
    headerRow: () => headers,
    hiddenColumns: () => [],
  };
  let now = 1_000_000;
  const s = {
    cache: new MapCache(),
    properties: new MapProperties(),
    lock: new TestLock(),
    log: new ListLogger(),
    build: 'b',
    now: () => now,
    rebuilds: 0,
    advance: (ms: number) => (now += ms),
    rebuild(properties: Record<string, string>) {
      s.rebuilds++;
      return buildConfig(
        reader,
        properties[PROPERTY.spreadsheetId] ?? '',
        properties[PROPERTY.accessKey],
        sha256,
        'b',
        now,
      );
    },
  };
  s.properties.set(PROPERTY.spreadsheetId, 'id');
  s.properties.set(PROPERTY.accessKey, 'k');
  return s satisfies ConfigStore;
}

describe('loadConfig', () => {
  test('builds once, then keeps it in Script Properties and the cache', () => {
    const s = store();
    const first = loadConfig(s);
    expect(s.rebuilds).toBe(1);
    expect(s.properties.map.get(PROPERTY.config)).toBe(JSON.stringify(first));
    expect(s.cache.map.get(cacheKeys('b').config)).toBe(JSON.stringify(first));
    s.cache.map.clear();
    expect(loadConfig(s)).toEqual(first);
    expect(s.rebuilds).toBe(1);
  });

  test('without the lock it still answers but writes nothing an edit could not undo', () => {
    const s = store();
    s.lock.available = false;
    expect(loadConfig(s).layout?.emailColumns).toEqual([1]);
    expect(s.properties.map.has(PROPERTY.config)).toBe(false);
    expect(s.cache.map.size).toBe(0);
  });

  test('a Script Properties write failure only costs speed', () => {
    const s = store();
    s.properties.set = () => {
      throw new Error('quota');
    };
    expect(loadConfig(s).layout).toBeDefined();
    expect(s.log.warnings[0]).toContain('quota');
  });

  test('after forgetConfig the next load rebuilds', () => {
    const s = store();
    loadConfig(s);
    forgetConfig(s);
    expect(s.properties.map.has(PROPERTY.config)).toBe(false);
    expect(s.cache.map.has(cacheKeys('b').config)).toBe(false);
    loadConfig(s);
    expect(s.rebuilds).toBe(2);
  });

  test('the onLoad hook sees the properties', () => {
    const seen: string[] = [];
    const s = { ...store(), onLoad: (p: Record<string, string>) => seen.push(p[PROPERTY.accessKey]) };
    loadConfig(s);
    expect(seen).toEqual(['k']);
  });
});

test('forgetAnswers writes a new generation', () => {
  const cache = new MapCache();
  forgetAnswers(cache, 'b', 'g2');
  expect(cache.map.get(cacheKeys('b').generation)).toBe('g2');
});
