import { buildConfig, StructureSnapshot } from '../../../src/core/state/config';
import { publishChange } from '../../../src/core/state/freshness';
import { AGENT } from '../../../src/core/messages';
import { WebAppDeps } from '../../../src/core/request/serving';
import { SETTINGS_HEADER } from '../../../src/core/state/settings';
import { CACHE_KEY, PROPERTY } from '../../../src/core/state/store-keys';
import { answerRequest } from '../../../src/core/web-app';
import { MemoryBook, plainPlatform, sha256 } from '../../support/plain-ports';

function app(settingsRows: string[][] = [SETTINGS_HEADER], headers = ['Name', 'Email']) {
  const book = new MemoryBook({
    Contacts: [headers, ['Jane Roe', 'jane@example.com'], ['Jim', 'jim@example.com']],
  });
  const snapshot = (): StructureSnapshot => ({
    tabs: [...book.tabs.keys()],
    settingsRows,
    headers: { Contacts: { cells: headers, hidden: headers.map(() => false) } },
  });
  const platform = plainPlatform();
  platform.properties.setAll({ [PROPERTY.spreadsheetId]: 'id', [PROPERTY.accessKey]: 'KEY' });
  const deps: WebAppDeps = {
    store: {
      ...platform,
      rebuild: (p, generation) =>
        buildConfig(snapshot(), {
          spreadsheetId: p[PROPERTY.spreadsheetId],
          accessKey: p[PROPERTY.accessKey],
          structureGeneration: generation,
          now: platform.now(),
          sha256,
        }),
    },
    sha256,
    build: 'b',
    rows: () => book,
    appTabs: () => book,
    dayOf: (ms: number) => new Date(ms).toISOString().slice(0, 10),
  };
  const ask = (parameter: Record<string, string>) =>
    answerRequest(
      { parameter, parameters: Object.fromEntries(Object.entries(parameter).map(([k, v]) => [k, [v]])) },
      deps,
    ).text;
  /** Reads of the sheet's rows: a lookup not answered from the cache makes one. */
  const reads = () => book.reads;
  return { deps, ask, reads, book, platform };
}

describe('answerRequest', () => {
  test('answers a known email, then the same email from the cache without reading the sheet', () => {
    const a = app();
    expect(a.ask({ key: 'KEY', email: ' Jane@Example.com ' })).toBe('Name: Jane Roe\nEmail: jane@example.com');
    expect(a.ask({ key: 'KEY', email: 'jane@example.com' })).toBe('Name: Jane Roe\nEmail: jane@example.com');
    expect(a.reads()).toBe(1);
  });

  test('warm: one cache read, no Properties read', () => {
    const a = app();
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    const { reads } = a.platform.properties;
    const cacheReads = a.platform.cache.reads;
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    expect(a.platform.properties.reads).toBe(reads);
    expect(a.platform.cache.reads).toBe(cacheReads + 1);
  });

  test('a new content generation (a staff edit) makes the next lookup read the sheet again', () => {
    const a = app();
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    publishChange(a.platform, 'content');
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    expect(a.reads()).toBe(2);
  });

  test("once the cache's copy of the generations is a minute old, Script Properties decide", () => {
    const a = app();
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    // A change recorded in Script Properties only (its cache write failed).
    a.platform.properties.setAll({ [PROPERTY.contentGeneration]: '0000000zz.after-edit' });
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    expect(a.reads()).toBe(1);
    a.platform.advance(60_000);
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    expect(a.reads()).toBe(2);
  });

  test('status: the version without a key, and nothing else touched', () => {
    const a = app();
    expect(a.ask({ status: '' })).toBe('Contact lookup is running. Version b.');
    expect(a.platform.cache.reads).toBe(0);
    expect(a.platform.properties.reads).toBe(0);
  });

  test('wrong or missing key: the fixed refusal, and the sheet is never read', () => {
    const a = app();
    expect(a.ask({ key: 'nope', email: 'jane@example.com' })).toBe(AGENT.refused);
    expect(a.ask({ email: 'jane@example.com' })).toBe(AGENT.refused);
    expect(a.ask({ key: 'nope', email: 'not an email' })).toBe(AGENT.refused);
    expect(a.reads()).toBe(0);
    expect(a.book.columnReads).toEqual([]);
  });

  test('a cached answer is never served without the right key', () => {
    const a = app();
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    expect(a.ask({ key: 'KEY2', email: 'jane@example.com' })).toBe(AGENT.refused);
  });

  test('no key configured: setup needed, no data', () => {
    const a = app();
    a.platform.properties.remove(PROPERTY.accessKey);
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
    expect(a.platform.log.errors[0]).toContain('No email column in the "Contacts" tab');
  });

  test('Cache minutes 0 turns answer caching off', () => {
    const a = app([SETTINGS_HEADER, ['Cache minutes', '0']]);
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    expect(a.reads()).toBe(2);
  });

  test('answers are cached for Cache minutes', () => {
    const a = app([SETTINGS_HEADER, ['Cache minutes', '7']]);
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    expect(a.platform.cache.seconds.get(CACHE_KEY.answer(sha256('jane@example.com')))).toBe(7 * 60);
  });

  test('the lookup log gets a row only when switched on, cached answers included', () => {
    const off = app();
    off.ask({ key: 'KEY', email: 'jane@example.com', caseId: 'c1' });
    expect(off.book.rows('Lookup log')).toEqual([]);
    const on = app([SETTINGS_HEADER, ['Lookup log', 'on']]);
    on.ask({ key: 'KEY', email: 'jane@example.com', caseId: 'c1', ip: '1.2.3.4', url: 'https://x' });
    on.ask({ key: 'KEY', email: 'nobody@example.com', caseId: 'c2' });
    on.ask({ key: 'KEY', email: 'jane@example.com', caseId: 'c3' });
    expect(on.book.rows('Lookup log').map((r) => [r[1], r[2], r[5]])).toEqual([
      ["'c1", "'jane@example.com", 1],
      ["'c2", "'nobody@example.com", 0],
      ["'c3", "'jane@example.com", 1],
    ]);
    expect(on.book.rows('Lookup log')[0].slice(3, 5)).toEqual(["'1.2.3.4", "'https://x"]);
  });

  test('a cache that throws only costs speed', () => {
    const a = app();
    a.platform.cache.getAll = () => {
      throw new Error('cache down');
    };
    a.platform.cache.putAll = () => {
      throw new Error('cache down');
    };
    expect(a.ask({ key: 'KEY', email: 'jane@example.com' })).toBe('Name: Jane Roe\nEmail: jane@example.com');
  });

  test('explain (Test a lookup) reads the sheet and says what was left out', () => {
    const a = app([SETTINGS_HEADER, ['Max matches', '1']], ['Name', 'Email', '_Notes']);
    const event = { parameter: { key: 'KEY', email: 'jane@example.com' } };
    a.ask({ key: 'KEY', email: 'jane@example.com' });
    const answer = answerRequest(event, a.deps, true);
    expect(answer.text).toBe('Name: Jane Roe\nEmail: jane@example.com');
    expect(answer.leftOut).toEqual([]);
    expect(a.reads()).toBe(2);
  });
});
