/**
 * The Apps Script shell's adapters, run in Node against the local runtime's fakes installed as
 * Apps Script's globals: each is a thin translation, and these pin what each asks of Google.
 */
import { createHash } from 'node:crypto';
import { fakeCacheService, FakeCache } from '../../local/gas/cache';
import { FakeLock, ScriptLockState } from '../../local/gas/lock';
import { Meter } from '../../local/gas/meter';
import { fakePropertiesService, FakeProperties } from '../../local/gas/properties';
import { FakeScriptApp } from '../../local/gas/script-app';
import { fakeSheetsService } from '../../local/gas/sheets-api';
import { FakeSpreadsheet, SheetData } from '../../local/gas/spreadsheet';
import { fakeUtilities } from '../../local/gas/utilities';
import { emailCellPattern } from '../../src/core/lookup/contact-search';
import { changeTriggers } from '../../src/gas/change-trigger';
import { newAccessKey, platform, sha256Hex } from '../../src/gas/services';
import { appTabs, readStructure, rowSource, setupSheet } from '../../src/gas/spreadsheet';
import { bigContactsSheet, scenarioSheet } from '../support/sheets';
import { CACHE_KEY } from '../../src/core/state/store-keys';
import { sheetsApiResting } from '../../src/core/state/sheets-api-rest';

type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Installs the fakes as the globals the adapters call, for one spreadsheet. */
function appsScript(sheets: SheetData[]) {
  const meter = new Meter();
  const book = new FakeSpreadsheet(meter, 'book-id', 'Book', sheets);
  const cache = new FakeCache(meter, () => 0);
  const properties = new FakeProperties(meter);
  const lock = new ScriptLockState();
  let user = 'a@example.com';
  const scriptApp = new FakeScriptApp(
    'script',
    () => true,
    () => user,
  );
  Object.assign(globalThis, {
    Sheets: fakeSheetsService(book, meter),
    CacheService: fakeCacheService(cache),
    PropertiesService: fakePropertiesService(properties, properties, properties),
    LockService: { getScriptLock: () => new FakeLock(lock, meter, 1, () => undefined) },
    Utilities: fakeUtilities,
    ScriptApp: scriptApp,
    SpreadsheetApp: { flush: () => book.commit(meter.current()) },
  });
  return {
    meter,
    book,
    cache,
    properties,
    lock,
    scriptApp,
    setUser: (u: string) => (user = u),
    open: () => book as unknown as Book,
  };
}

/** Makes every Sheets API request fail as a transient 503 does. */
function sheetsApiDown(meter: Meter) {
  meter.fault = (service) => (service === 'sheetsApi' ? new Error('API call failed with error: 503') : undefined);
}

describe('rowSource', () => {
  const source = (g: ReturnType<typeof appsScript>, resting = false) =>
    rowSource(g.open, 'book-id', platform(), resting);

  test('the search returns only the exact cells, one call, however many cells contain the email', () => {
    const { sheet, email } = scenarioSheet('decoys', 5_000, 20, 1_000);
    const g = appsScript([sheet]);
    const rows = source(g).findRows('Contacts', [1], emailCellPattern(email));
    expect(rows).toEqual([5_000 - 3 + 1]);
    expect(g.meter.counts).toMatchObject({ sheetCalls: 1, cellsMoved: 1 });
  });

  test('one row, or rows close together, or two such blocks: SpreadsheetApp, no Sheets API request', () => {
    const { sheet } = scenarioSheet('multi', 2_000, 20);
    const g = appsScript([sheet]);
    expect(source(g).readRows([{ tab: 'Contacts', row: 900, width: 20 }])[0][0]).toBe('Person 898');
    expect(g.meter.counts).toMatchObject({ sheetCalls: 1, sheetsApiCalls: 0, cellsMoved: 20 });
    g.meter.reset();
    const read = source(g).readRows([12, 2, 42].map((row) => ({ tab: 'Contacts', row, width: 20 })));
    expect(read.map((cells) => cells[1])).toEqual(['AN@GMAIL.COM', 'an@gmail.com', '\u00a0an@gmail.com']);
    expect(g.meter.counts).toMatchObject({ sheetCalls: 1, sheetsApiCalls: 0, cellsMoved: 41 * 20 });
    g.meter.reset();
    expect(source(g).readRows([2, 1_500].map((row) => ({ tab: 'Contacts', row, width: 20 })))[1][0]).toBe(
      'Person 1498',
    );
    expect(g.meter.counts).toMatchObject({ sheetCalls: 2, sheetsApiCalls: 0 });
  });

  test('rows far apart: one Sheets API request, each row as wide as asked', () => {
    const g = appsScript([bigContactsSheet(2_000)]);
    const rows = [2, 500, 1_999].map((row) => ({ tab: 'Contacts', row, width: 20 }));
    const read = source(g).readRows(rows);
    expect(read.map((cells) => [cells.length, cells[0]])).toEqual([
      [20, 'Person 0'],
      [20, 'Person 498'],
      [20, 'Person 1997'],
    ]);
    expect(g.meter.counts).toMatchObject({ sheetCalls: 1, sheetsApiCalls: 1, cellsMoved: 60 });
  });

  test('the Sheets API failing: the same rows through SpreadsheetApp, and the API rests for a minute', () => {
    const g = appsScript([bigContactsSheet(2_000)]);
    const rows = [2, 500, 1_999].map((row) => ({ tab: 'Contacts', row, width: 20 }));
    const expected = source(g).readRows(rows);
    sheetsApiDown(g.meter);
    expect(source(g).readRows(rows)).toEqual(expected);
    const rest = Number(g.cache.snapshot()[CACHE_KEY.sheetsApiRest]);
    expect(rest).toBeGreaterThan(Date.now() + 50_000);
    expect(sheetsApiResting(String(rest), Date.now())).toBe(true);
    // Resting: SpreadsheetApp only, the API is not asked at all.
    g.meter.fault = undefined;
    g.meter.reset();
    expect(source(g, true).readRows(rows)).toEqual(expected);
    expect(g.meter.counts).toMatchObject({ sheetCalls: 3, sheetsApiCalls: 0 });
  });

  test('the email columns: one read each, every row below the header', () => {
    const g = appsScript([bigContactsSheet(1_000)]);
    const [emails, companies] = source(g).readColumns('Contacts', [1, 2]);
    expect(emails.slice(0, 2)).toEqual(['person0@example.com', 'person1@example.com']);
    expect(emails.length).toBeGreaterThanOrEqual(1_000);
    expect(companies[0]).toBe('Company 0');
    expect(g.meter.counts).toMatchObject({ sheetCalls: 2, sheetsApiCalls: 0 });
  });
});

describe('readStructure', () => {
  const tabs = (): SheetData[] => [
    { name: 'Lookup log', rows: [['Time', 'Email']] },
    {
      name: 'Contacts',
      rows: [Array.from({ length: 200 }, (_, i) => (i === 1 ? 'Email' : `H${i}`))],
      hiddenColumns: [3, 150],
    },
    {
      name: 'Settings',
      rows: [
        ['Setting', 'Value'],
        ['Max matches', 3],
      ],
    },
  ];
  const read = (g: ReturnType<typeof appsScript>, resting = false) =>
    readStructure('book-id', g.open, platform(), resting);

  test('two calls whatever the width: tabs, then every candidate row 1 with visibility, and the settings', () => {
    const g = appsScript(tabs());
    const snapshot = read(g);
    expect(g.meter.counts.sheetCalls).toBe(2);
    expect(snapshot.tabs).toEqual(['Lookup log', 'Contacts', 'Settings']);
    expect(Object.keys(snapshot.headers)).toEqual(['Contacts']);
    expect(snapshot.headers.Contacts.cells).toEqual(tabs()[1].rows[0]);
    expect(snapshot.headers.Contacts.hidden.flatMap((hidden, i) => (hidden ? [i + 1] : []))).toEqual([3, 150]);
    expect(snapshot.settingsRows).toEqual([
      ['Setting', 'Value'],
      ['Max matches', '3'],
    ]);
  });

  test('the Sheets API failing or resting: the same structure through SpreadsheetApp', () => {
    const expected = read(appsScript(tabs()));
    const g = appsScript(tabs());
    sheetsApiDown(g.meter);
    const fallback = read(g);
    expect(fallback.tabs).toEqual(expected.tabs);
    expect(fallback.settingsRows).toEqual(expected.settingsRows);
    expect(fallback.headers.Contacts.cells).toEqual(expected.headers.Contacts.cells);
    const hidden = (h: boolean[]) => h.flatMap((x, i) => (x ? [i + 1] : []));
    expect(hidden(fallback.headers.Contacts.hidden)).toEqual([3, 150]);
    g.meter.fault = undefined;
    g.meter.reset();
    read(g, true);
    expect(g.meter.counts.sheetsApiCalls).toBe(0);
  });

  test('no Settings tab: null settings', () => {
    const g = appsScript([{ name: 'Contacts', rows: [['Email']] }]);
    expect(read(g).settingsRows).toBeNull();
  });
});

describe('appTabs', () => {
  const spec = { name: 'Chats', headers: ['Time', 'Case'], formats: { 0: 'yyyy-mm-dd' } };

  test('creates the tab with its header, only its own columns, a frozen row and formats; appends text as text', () => {
    const g = appsScript([{ name: 'Contacts', rows: [['Email']] }]);
    const tabs = appTabs(g.open);
    expect(tabs.prepare(spec, false)).toBeUndefined();
    expect(tabs.prepare(spec, true)).toBe(1);
    tabs.appendRow('Chats', [new Date(Date.UTC(2026, 0, 2)), "'=1+1"]);
    tabs.appendRow('Chats', [new Date(Date.UTC(2026, 0, 3)), "'00123"]);
    expect(tabs.prepare(spec, false)).toBe(3);
    const sheet = g.book.sheet('Chats');
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.maxColumns).toBe(2);
    expect(sheet.display(2, 1)).toBe('2026-01-02');
    expect(sheet.rows.slice(1).map((row) => row[1])).toEqual(['=1+1', '00123']);
    expect(tabs.contains('Chats', 1, '=1+1')).toBe(true);
    expect(tabs.contains('Chats', 1, '=1+')).toBe(false);
    expect(tabs.contains('Missing', 1, 'x')).toBe(false);
    expect(tabs.column('Chats', 1, 2, 3)).toEqual(['=1+1', '00123']);
    expect(tabs.rowsWith('Chats', [1], '00123')).toEqual([3]);
    tabs.deleteRows('Chats', 2, 1);
    expect(tabs.column('Chats', 1, 2, 2)).toEqual(['00123']);
  });

  test('a tab left without its header row gets it back from the next writer that may create', () => {
    const g = appsScript([
      { name: 'Contacts', rows: [['Email']] },
      { name: 'Chats', rows: [] },
    ]);
    expect(appTabs(g.open).prepare(spec, false)).toBeUndefined();
    expect(appTabs(g.open).prepare(spec, true)).toBe(1);
    expect(g.book.sheet('Chats').rows[0]).toEqual(['Time', 'Case']);
  });

  test('rows past the 1,000 of a new tab: appendRow and appendRows grow the grid', () => {
    const g = appsScript([{ name: 'Contacts', rows: [['Email']] }]);
    const tabs = appTabs(g.open);
    tabs.prepare(spec, true);
    for (let i = 0; i < 1_200; i++) tabs.appendRow('Chats', [new Date(0), `'c${i}`]);
    tabs.appendRows(
      spec,
      Array.from({ length: 300 }, (_, i) => [new Date(0), `'d${i}`]),
    );
    const sheet = g.book.sheet('Chats');
    expect(sheet.lastRow()).toBe(1_501);
    expect(sheet.maxRows).toBeGreaterThanOrEqual(1_501);
    expect(sheet.value(1_501, 2)).toBe('d299');
  });
});

test('setupSheet writes apostrophe-prefixed values as text, never as numbers or formulas', () => {
  const g = appsScript([{ name: 'Contacts', rows: [['Email']] }]);
  setupSheet(g.open()).append({ name: 'Settings', headers: ['Setting', 'Value', 'What it does'] }, [
    ["'Max matches", "'5", "'=help"],
  ]);
  expect(g.book.sheet('Settings').rows).toEqual([
    ['Setting', 'Value', 'What it does'],
    ['Max matches', '5', '=help'],
  ]);
});

describe('services', () => {
  test('properties: one read for all, one write for several', () => {
    const g = appsScript([]);
    const { properties } = platform();
    properties.setAll({ A: '1', B: '2' });
    expect(properties.getAll()).toEqual({ A: '1', B: '2' });
    expect(g.meter.counts).toMatchObject({ propertiesReads: 1, propertiesWrites: 1 });
  });

  test('the script lock: held by one execution, refused to another within the wait', () => {
    const g = appsScript([]);
    const { lock } = platform();
    g.lock.holdElsewhere();
    expect(lock.withLock((locked) => locked)).toBe(false);
    g.lock.releaseElsewhere();
    expect(lock.withLock((locked) => locked)).toBe(true);
    expect(g.lock.holder).toBeUndefined();
  });

  test('SHA-256 as hex, and access keys of 64 hex characters from two UUIDs', () => {
    appsScript([]);
    expect(sha256Hex('jané')).toBe(createHash('sha256').update('jané', 'utf8').digest('hex'));
    expect(newAccessKey()).toMatch(/^[0-9a-f]{64}$/);
  });
});

test("change triggers: this account's only, and installing returns the new one's ID", () => {
  const g = appsScript([{ name: 'Contacts', rows: [['Email']] }]);
  const triggers = changeTriggers(g.open());
  const id = triggers.installChangeTrigger();
  expect(triggers.ownChangeTriggerIds()).toEqual([id]);
  g.setUser('b@example.com');
  expect(triggers.ownChangeTriggerIds()).toEqual([]);
});

test('pruning every row below the header keeps the one non-frozen row Google insists on', () => {
  const g = appsScript([{ name: 'Contacts', rows: [['Email']] }]);
  const tabs = appTabs(g.open);
  const spec = { name: 'Chats', headers: ['Time', 'Case'] };
  tabs.prepare(spec, true);
  const sheet = g.book.sheet('Chats');
  sheet.deleteRows(3, sheet.maxRows - 2); // a grid exactly as tall as its two rows
  tabs.appendRow('Chats', [new Date(0), 'c1']);
  expect(sheet.maxRows).toBe(2);
  tabs.deleteRows('Chats', 2, 1);
  expect(sheet.rows).toEqual([['Time', 'Case']]);
  expect(sheet.maxRows).toBe(2);
});
