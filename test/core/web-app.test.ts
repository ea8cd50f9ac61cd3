import { cacheKeys } from '../../src/core/answer-cache';
import { buildConfig, Config, PROPERTY, StructureReader } from '../../src/core/config';
import { ContactSource } from '../../src/core/contact-search';
import { AGENT } from '../../src/core/messages';
import { SETTINGS_HEADER } from '../../src/core/settings';
import { answerRequest, LookupRecord, WebAppDeps } from '../../src/core/web-app';
import { ListLogger, MapCache, MapProperties, sha256, TestLock } from './plain-ports';

const ROWS = [
  ['Jane Roe', 'jane@example.com'],
  ['Jim', 'jim@example.com'],
];

function app(settingsRows: string[][] = [SETTINGS_HEADER], headers = ['Name', 'Email']) {
  const reader: StructureReader = {
    tabNames: () => ['Contacts'],
    settingsRows: () => settingsRows,
    headerRow: () => headers,
    hiddenColumns: () => [],
  };
  const searches: string[] = [];
  const records: LookupRecord[] = [];
  const properties = new MapProperties();
  properties.set(PROPERTY.spreadsheetId, 'id');
  properties.set(PROPERTY.accessKey, 'KEY');
  const contacts: ContactSource = {
    findCandidateRows: (_l, email) => {
      searches.push(email);
      return ROWS.flatMap((r, i) => (r[1].includes(email) ? [i + 2] : []));
    },
    readRows: (_l, rows) => rows.map((r) => ROWS[r - 2]),
  };
  const deps: WebAppDeps = {
    store: {
      cache: new MapCache(),
      properties,
      lock: new TestLock(),
      log: new ListLogger(),
      build: 'b',
      now: () => 1_000_000,
      rebuild: (p) => buildConfig(reader, p[PROPERTY.spreadsheetId], p[PROPERTY.accessKey], sha256, 'b', 1_000_000),
    },
    sha256,
    random: Math.random,
    contacts: () => contacts,
    recordLookup: (record: LookupRecord, _config: Config) => records.push(record),
  };
  const ask = (parameter: Record<string, string>) =>
    answerRequest(
      { parameter, parameters: Object.fromEntries(Object.entries(parameter).map(([k, v]) => [k, [v]])) },
      deps,
    );
  return {
    deps,
    ask,
    searches,
    records,
    cache: deps.store.cache as MapCache,
    properties,
    log: deps.store.log as ListLogger,
  };
}

describe('answerRequest', () => {
  test('answers a known email, then the same email from the cache without searching', () => {
    const a = app();
    expect(a.ask({ key: 'KEY', email: ' Jane@Example.com ' })).toBe('Name: Jane Roe\nEmail: jane@example.com');
    expect(a.ask({ key: 'KEY', email: 'jane@example.com' })).toBe('Name: Jane Roe\nEmail: jane@example.com');
    expect(a.searches).toEqual(['jane@example.com']);
  });

  test('a missing generation is started before the sheet is read', () => {
    const a = app();
    const key = cacheKeys('b').generation;
    const contacts = a.deps.contacts;
    let generationWhenRead: string | undefined;
    a.deps.contacts = (config) => {
      generationWhenRead = a.cache.map.get(key);
      return contacts(config);
    };
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    expect(generationWhenRead).toBeDefined();
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    expect(a.searches).toEqual(['jane@example.com']);
  });

  test('a new generation (a staff edit) makes the next lookup search again', () => {
    const a = app();
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    a.cache.map.set(cacheKeys('b').generation, 'after-edit');
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    expect(a.searches).toHaveLength(2);
  });

  test('status: the version without a key, and nothing else touched', () => {
    const a = app();
    expect(a.ask({ status: '' })).toBe('Contact lookup is running. Version b.');
    expect(a.cache.reads).toBe(0);
    expect(a.properties.reads).toBe(0);
  });

  test('wrong or missing key: the fixed refusal, and the sheet is never searched', () => {
    const a = app();
    expect(a.ask({ key: 'nope', email: 'jane@example.com' })).toBe(AGENT.refused);
    expect(a.ask({ email: 'jane@example.com' })).toBe(AGENT.refused);
    expect(a.ask({ key: 'nope', email: 'not an email' })).toBe(AGENT.refused);
    expect(a.searches).toEqual([]);
  });

  test('a cached answer is never served without the right key', () => {
    const a = app();
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    expect(a.ask({ key: 'KEY2', email: 'jane@example.com' })).toBe(AGENT.refused);
  });

  test('no key configured: setup needed, no data', () => {
    const a = app();
    a.properties.remove(PROPERTY.accessKey);
    expect(a.ask({ key: '', email: 'jane@example.com' })).toBe(AGENT.setupNeeded);
    expect(a.ask({ key: 'KEY', email: 'jane@example.com' })).toBe(AGENT.setupNeeded);
  });

  test('no match and bad emails', () => {
    const a = app();
    expect(a.ask({ key: 'KEY', email: 'nobody@example.com' })).toBe('No contact found for nobody@example.com');
    expect(a.ask({ key: 'KEY', email: 'nobody' })).toContain('not an email address');
    expect(a.ask({ key: 'KEY' })).toContain('Missing email');
  });

  test('misconfiguration: a short text for the agent, the precise reason in the log', () => {
    const a = app([SETTINGS_HEADER], ['Name', 'Mail']);
    expect(a.ask({ key: 'KEY', email: 'jane@example.com' })).toBe(AGENT.notConfigured);
    expect(a.log.errors[0]).toContain('No email column in the "Contacts" tab');
  });

  test('Cache minutes 0 turns answer caching off', () => {
    const a = app([SETTINGS_HEADER, ['Cache minutes', '0']]);
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    expect(a.searches).toHaveLength(2);
  });

  test('the lookup log gets a record only when switched on, cached answers included', () => {
    const off = app();
    off.ask({ key: 'KEY', email: 'jane@example.com', caseId: 'c1' });
    expect(off.records).toEqual([]);
    const on = app([SETTINGS_HEADER, ['Lookup log', 'on']]);
    on.ask({ key: 'KEY', email: 'jane@example.com', caseId: 'c1', ip: '1.2.3.4', url: 'https://x' });
    on.ask({ key: 'KEY', email: 'nobody@example.com', caseId: 'c2' });
    on.ask({ key: 'KEY', email: 'jane@example.com', caseId: 'c3' });
    expect(on.records.map((r) => [r.caseId, r.email, r.matches])).toEqual([
      ['c1', 'jane@example.com', 1],
      ['c2', 'nobody@example.com', 0],
      ['c3', 'jane@example.com', 1],
    ]);
    expect(on.records[0]).toMatchObject({ ip: '1.2.3.4', url: 'https://x' });
  });

  test('a cache that throws only costs speed', () => {
    const a = app();
    a.cache.getAll = () => {
      throw new Error('cache down');
    };
    a.cache.put = () => {
      throw new Error('cache down');
    };
    expect(a.ask({ key: 'KEY', email: 'jane@example.com' })).toBe('Name: Jane Roe\nEmail: jane@example.com');
  });
});
