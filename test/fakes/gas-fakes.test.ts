/**
 * The fakes follow Google's documented behaviour, so a test that passes on them holds on Google.
 */
import { parseA1 } from '../../local/gas/a1';
import { FakeCache } from '../../local/gas/cache';
import { getEvent, postEvent } from '../../local/gas/events';
import { Meter } from '../../local/gas/meter';
import { FakeProperties } from '../../local/gas/properties';
import { FakeLock, ScriptLockState } from '../../local/gas/lock';
import { FakeScriptApp } from '../../local/gas/script-app';
import { fakeSheetsService, parseFieldMask } from '../../local/gas/sheets-api';
import { FakeSpreadsheet, newFilterCriteria } from '../../local/gas/spreadsheet';

function book() {
  const meter = new Meter();
  const sheet = {
    name: 'Contacts',
    rows: [
      ['Name', 'Email', 'Since', 'Score'],
      ['Jane', 'Jane@Example.com', new Date(Date.UTC(2024, 0, 31)), 0.5],
      ['Ann', 'a.b@example.com', '', 7],
    ],
    formats: new Map([['2,4', '0%']]),
  };
  return { meter, ss: new FakeSpreadsheet(meter, 'id', 'Book', [sheet]) };
}

describe('TextFinder', () => {
  test('defaults: case-insensitive, partial, literal', () => {
    const { ss } = book();
    const range = ss.getRange('Contacts!B:B');
    expect(
      range
        .createTextFinder('jane@example')
        .findAll()
        .map((r) => r.getA1Notation()),
    ).toEqual(['B2']);
    expect(range.createTextFinder('.').findAll()).toHaveLength(2);
    expect(
      range
        .createTextFinder('a.b')
        .findAll()
        .map((r) => r.getRow()),
    ).toEqual([3]);
    expect(
      range
        .createTextFinder('a.b')
        .useRegularExpression(true)
        .findAll()
        .map((r) => r.getRow()),
    ).toEqual([3]);
    expect(range.createTextFinder('a.b@example.com').matchEntireCell(true).findAll()).toHaveLength(1);
    expect(range.createTextFinder('JANE').matchCase(true).findAll()).toHaveLength(0);
  });

  test('diacritics count unless ignored', () => {
    const { ss } = book();
    const names = ss.getRange('Contacts!A:A');
    ss.getRange('Contacts!A3').setValue('Ánn');
    expect(names.createTextFinder('ann').findAll()).toHaveLength(0);
    expect(
      names
        .createTextFinder('ann')
        .ignoreDiacritics(true)
        .findAll()
        .map((r) => r.getRow()),
    ).toEqual([3]);
  });

  test('searches display values and counts one call per search', () => {
    const { ss, meter } = book();
    expect(
      ss
        .getRange('Contacts!D:D')
        .createTextFinder('50%')
        .findAll()
        .map((r) => r.getA1Notation()),
    ).toEqual(['D2']);
    expect(meter.counts).toMatchObject({ sheetCalls: 1, cellsMoved: 1 });
  });
});

describe('values', () => {
  test('getValues keeps types; getDisplayValues gives formatted strings', () => {
    const { ss } = book();
    const range = ss.getRange('Contacts!A2:D3');
    const values = range.getValues();
    expect(values[0][2]).toBeInstanceOf(Date);
    expect(values[0][3]).toBe(0.5);
    expect(range.getDisplayValues()).toEqual([
      ['Jane', 'Jane@Example.com', '1/31/2024', '50%'],
      ['Ann', 'a.b@example.com', '', '7'],
    ]);
  });

  test('ranges outside the sheet throw', () => {
    const { ss } = book();
    expect(() => ss.getRange('Contacts!A1:A1001')).toThrow('outside the dimensions');
    expect(() => ss.getRange('Nope!A1')).toThrow('Range not found');
  });

  test('a new tab is 1,000 rows × 26 columns, and writing one row past it throws', () => {
    const { ss } = book();
    const tab = ss.insertSheet('New');
    expect([tab.getMaxRows(), tab.getMaxColumns()]).toEqual([1000, 26]);
    expect(() => tab.getRange(1001, 1).setValue('x')).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(tab.getMaxRows()).toBe(1000);
  });

  test('insertSheet(name, index) places the tab and makes it active; deleteSheet removes it', () => {
    const { ss } = book();
    expect(ss.getActiveSheet().getName()).toBe('Contacts');
    const first = ss.insertSheet('First', 0);
    expect(ss.sheets.map((s) => s.getName())).toEqual(['First', 'Contacts']);
    expect(ss.getActiveSheet()).toBe(first);
    expect(() => ss.insertSheet('Far', 5)).toThrow('sheetIndex');
    const last = ss.insertSheet('Last', 2);
    ss.deleteSheet(last);
    expect(ss.getActiveSheet().getName()).toBe('Contacts');
    ss.deleteSheet(first);
    expect(ss.getNumSheets()).toBe(1);
  });

  test('A1 notation', () => {
    expect(parseA1("'It''s'!B2:C")).toEqual({ sheet: "It's", row: 2, column: 2, lastRow: undefined, lastColumn: 3 });
    expect(parseA1('1:1')).toEqual({ sheet: undefined, row: 1, column: 1, lastRow: 1, lastColumn: undefined });
    expect(() => parseA1('B2:A1')).toThrow();
  });
});

describe('basic filters', () => {
  test('hidden values hide the rows below the header that show them; TextFinder still searches those rows', () => {
    const { ss } = book();
    const contacts = ss.sheet('Contacts');
    const filter = contacts.getRange('A1:D3').createFilter();
    expect(contacts.isRowHiddenByFilter(3)).toBe(false);
    filter.setColumnFilterCriteria(2, newFilterCriteria().setHiddenValues(['a.b@example.com']).build());
    expect([1, 2, 3].map((row) => contacts.isRowHiddenByFilter(row))).toEqual([false, false, true]);
    const found = contacts.getRange('B2:B').createTextFinder('a.b@example.com').findAll();
    expect(found.map((cell) => cell.getRow())).toEqual([3]);
    expect(() => contacts.getRange('A1:B2').createFilter()).toThrow('already has a filter');
    expect(() => filter.setColumnFilterCriteria(5, null)).toThrow('outside the range of the filter');
    filter.setColumnFilterCriteria(2, null);
    expect(contacts.isRowHiddenByFilter(3)).toBe(false);
  });
});

describe('web-app events', () => {
  test('parameter keeps the first value; parameters keep all; queryString stays raw', () => {
    const e = getEvent('email=a%40b.co&email=c%40d.co&x=1+2');
    expect(e.parameter).toEqual({ email: 'a@b.co', x: '1 2' });
    expect(e.parameters).toEqual({ email: ['a@b.co', 'c@d.co'], x: ['1 2'] });
    expect(e.queryString).toBe('email=a%40b.co&email=c%40d.co&x=1+2');
    expect(e.contentLength).toBe(-1);
  });

  test('form POST bodies join the parameters after the query; other bodies only in postData', () => {
    expect(postEvent('a=1', 'a=2&b=3', 'application/x-www-form-urlencoded').parameters).toEqual({
      a: ['1', '2'],
      b: ['3'],
    });
    const json = postEvent('', '{"a":1}', 'application/json');
    expect(json.parameters).toEqual({});
    expect(json.postData).toEqual({ length: 7, type: 'application/json', contents: '{"a":1}', name: 'postData' });
  });
});

describe('CacheService limits', () => {
  test('keys over 250 characters and values over 100 KB throw; TTL is capped at 6 hours', () => {
    let now = 0;
    const cache = new FakeCache(new Meter(), () => now);
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow('key');
    expect(() => cache.put('k', 'v'.repeat(100 * 1024 + 1))).toThrow('value');
    cache.put('k', 'v', 999_999);
    now = 21_599_000;
    expect(cache.get('k')).toBe('v');
    now = 21_600_000;
    expect(cache.get('k')).toBeNull();
  });
});

describe('PropertiesService limits', () => {
  test('values over 9 KB throw and each read is counted', () => {
    const meter = new Meter();
    const properties = new FakeProperties(meter);
    expect(() => properties.setProperty('k', 'v'.repeat(9 * 1024 + 1))).toThrow();
    properties.setProperty('k', 'v');
    properties.getProperties();
    properties.getProperty('k');
    expect(meter.counts.propertiesReads).toBe(2);
  });
});

describe('TextFinder with regular expressions, as Sheets reads them (RE2)', () => {
  function finder(pattern: string) {
    const { ss } = book();
    return ss.getRange('Contacts!B:B').createTextFinder(pattern).useRegularExpression(true);
  }

  test('matchEntireCell makes the expression match the whole displayed text; any case unless asked', () => {
    expect(finder('jane@example\\.com').findAll()).toHaveLength(1);
    expect(finder('jane').findAll()).toHaveLength(1);
    expect(finder('jane').matchEntireCell(true).findAll()).toHaveLength(0);
    expect(finder('jane@example\\.com').matchEntireCell(true).findAll()).toHaveLength(1);
    expect(finder('jane@example\\.com').matchCase(true).findAll()).toHaveLength(0);
  });

  test("RE2's \\s is ASCII only; \\x{…} is its hex escape; lookaround and \\p{…} are refused", () => {
    const { ss } = book();
    ss.getRange('Contacts!B3').setValue('\u00a0a.b@example.com');
    const range = ss.getRange('Contacts!B:B');
    expect(range.createTextFinder('^\\s*a\\.b').useRegularExpression(true).findAll()).toHaveLength(0);
    expect(range.createTextFinder('^\\x{00A0}a\\.b').useRegularExpression(true).findAll()).toHaveLength(1);
    expect(() => range.createTextFinder('a(?=b)').useRegularExpression(true).findAll()).toThrow(
      'Invalid regular expression',
    );
    expect(() => range.createTextFinder('\\p{L}').useRegularExpression(true).findAll()).toThrow(
      'Invalid regular expression',
    );
  });

  test('findNext walks the matches one call at a time', () => {
    const { ss, meter } = book();
    const next = ss.getRange('Contacts!A:B').createTextFinder('jane').findNext();
    expect(next?.getA1Notation()).toBe('A2');
    expect(meter.counts.sheetCalls).toBe(1);
  });
});

describe('values a script writes are read as typed input', () => {
  test('a leading apostrophe keeps text (and is not shown); "=" is a formula; numbers and TRUE become values', () => {
    const { ss } = book();
    const range = ss.getRange('Contacts!A4:F4');
    range.setValues([["'=1+1", '=1+1', '00123', "'00123", 'true', '+1 555']]);
    const sheet = range.getSheet();
    expect([1, 2, 3, 4, 5, 6].map((c) => sheet.value(4, c))).toEqual([
      '=1+1',
      expect.anything(),
      123,
      '00123',
      true,
      expect.anything(),
    ]);
    expect(sheet.formulas().map(([, column]) => column)).toEqual([2, 6]);
    expect(range.getDisplayValues()[0]).toEqual(['=1+1', '#ERROR!', '123', '00123', 'TRUE', '#ERROR!']);
  });
});

describe('the Sheets advanced service', () => {
  test('spreadsheets.get: the ranges’ sheets only, pruned to the field mask, one call', () => {
    const { ss, meter } = book();
    ss.sheet('Contacts').hidden.add(3);
    const api = fakeSheetsService(ss, meter);
    const got = api.Spreadsheets.get('id', {
      ranges: ["'Contacts'!1:1"],
      fields: 'sheets(properties.title,data(rowData.values.formattedValue,columnMetadata.hiddenByUser))',
    });
    expect(got).toEqual({
      sheets: [
        {
          properties: { title: 'Contacts' },
          data: [
            {
              rowData: [
                {
                  values: [
                    { formattedValue: 'Name' },
                    { formattedValue: 'Email' },
                    { formattedValue: 'Since' },
                    { formattedValue: 'Score' },
                  ],
                },
              ],
              columnMetadata: [{}, {}, { hiddenByUser: true }, ...Array.from({ length: 23 }, () => ({}))],
            },
          ],
        },
      ],
    });
    expect(meter.counts).toMatchObject({ sheetCalls: 1, cellsMoved: 4 });
  });

  test('spreadsheets.get without ranges lists every sheet; a wrong id or range is an API error', () => {
    const { ss, meter } = book();
    const api = fakeSheetsService(ss, meter);
    expect(api.Spreadsheets.get('id', { fields: 'sheets.properties.title' })).toEqual({
      sheets: [{ properties: { title: 'Contacts' } }],
    });
    expect(() => api.Spreadsheets.get('other')).toThrow('Requested entity was not found');
    expect(() => api.Spreadsheets.get('id', { ranges: ['Nope!A1'] })).toThrow('Unable to parse range: Nope!A1');
  });

  test('values.batchGet: one call for many rows, formatted, trailing empty cells left out', () => {
    const { ss, meter } = book();
    const api = fakeSheetsService(ss, meter);
    const got = api.Spreadsheets.Values.batchGet('id', {
      ranges: ["'Contacts'!A2:F2", 'Contacts!A3:F3', 'Contacts!A9:F9'],
    });
    expect(got.valueRanges.map((r) => ('values' in r ? r.values : undefined))).toEqual([
      [['Jane', 'Jane@Example.com', '1/31/2024', '50%']],
      [['Ann', 'a.b@example.com', '', '7']],
      undefined,
    ]);
    expect(meter.counts).toMatchObject({ sheetCalls: 1, cellsMoved: 8 });
  });

  test('field masks: nested parentheses, dotted paths and snake_case', () => {
    expect([...parseFieldMask('sheets(properties(title,sheet_type),data.rowData)').keys()]).toEqual(['sheets']);
    expect(() => parseFieldMask('sheets(')).toThrow('Invalid field selection');
  });
});

describe('CacheService is less kind than a map', () => {
  test('entries can be evicted early; past 1,000 items the 900 farthest from expiry stay', () => {
    const now = 0;
    const cache = new FakeCache(new Meter(), () => now);
    for (let i = 0; i < 1000; i++) cache.put(`k${i}`, 'v', 100 + i);
    expect(cache.size()).toBe(1000);
    cache.put('last', 'v', 10);
    expect(cache.size()).toBe(900);
    expect(cache.dropped).toBe(101);
    expect(cache.get('k999')).toBe('v');
    expect(cache.get('k0')).toBeNull();
    cache.evict((key) => key === 'k999');
    expect(cache.get('k999')).toBeNull();
  });

  test('putAll is one call, all or nothing', () => {
    const meter = new Meter();
    const cache = new FakeCache(meter, () => 0);
    expect(() => cache.putAll({ a: '1', ['k'.repeat(251)]: '2' }, 60)).toThrow('key');
    expect(cache.getAll(['a'])).toEqual({});
    cache.putAll({ a: '1', b: '2' }, 60);
    expect(meter.counts).toMatchObject({ cacheWrites: 2, cacheReads: 1 });
  });
});

describe('LockService contends across executions', () => {
  test('while one execution holds the script lock, another cannot take it: tryLock false, waitLock throws', () => {
    const state = new ScriptLockState();
    const meter = new Meter();
    let waited = 0;
    const wait = (ms: number) => (waited += ms);
    const first = new FakeLock(state, meter, 1, wait);
    const second = new FakeLock(state, meter, 2, wait);
    expect(first.tryLock(5000)).toBe(true);
    expect(second.tryLock(5000)).toBe(false);
    expect(() => second.waitLock(3000)).toThrow('Lock timeout: another process was holding the lock for too long.');
    expect(waited).toBe(8000);
    first.releaseLock();
    expect(second.tryLock(5000)).toBe(true);
    expect(second.hasLock()).toBe(true);
  });
});

describe('installable triggers belong to their account', () => {
  test('each account lists only its own, and an account removed takes its triggers with it', () => {
    let user = 'a@example.com';
    const app = new FakeScriptApp(
      'script',
      () => true,
      () => user,
    );
    app.newTrigger('onSheetChange').forSpreadsheet('sheet').onChange().create();
    user = 'b@example.com';
    expect(app.getProjectTriggers()).toEqual([]);
    app.removeAccount('a@example.com');
    expect(app.allTriggers()).toEqual([]);
  });
});

describe('the grid: 1,000 rows by 26 columns in a new tab, grown only by appends and inserts', () => {
  test('a new tab is 1,000 by 26; writing outside throws; appendRow and insertRowsAfter grow it', () => {
    const { ss } = book();
    const tab = ss.insertSheet('Log');
    expect([tab.getMaxRows(), tab.getMaxColumns()]).toEqual([1000, 26]);
    expect(() => tab.getRange(1001, 1).setValue('x')).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => tab.getRange(1, 27).setValue('x')).toThrow('outside the dimensions');
    for (let i = 0; i < 1001; i++) tab.appendRow([`r${i}`]);
    expect([tab.getLastRow(), tab.getMaxRows()]).toEqual([1001, 1001]);
    tab.insertRowsAfter(1001, 9);
    expect(tab.getMaxRows()).toBe(1010);
    tab.getRange(1010, 1).setValue('last');
    expect(tab.getLastRow()).toBe(1010);
    tab.deleteColumns(2, 25);
    expect(tab.getMaxColumns()).toBe(1);
  });

  test('a cell holds at most 50,000 characters, the apostrophe that keeps text as text counted', () => {
    const { ss } = book();
    const tab = ss.insertSheet('Log');
    const message = 'Your input contains more than the maximum of 50000 characters in a single cell.';
    tab.getRange(1, 1).setValue(`'${'x'.repeat(49_999)}`);
    expect(() => tab.getRange(1, 1).setValue(`'${'x'.repeat(50_000)}`)).toThrow(message);
    expect(() => tab.appendRow(['a', 'y'.repeat(50_001)])).toThrow(message);
    expect(tab.getLastRow()).toBe(1);
  });

  test('a spreadsheet holds at most 10,000,000 cells, every grid counted', () => {
    const { ss } = book();
    const big = ss.insertSheet('Big');
    big.insertRowsAfter(1000, 382_000); // 383,000 rows by 26 columns, beside Contacts' 1,000: 9,984,000 cells
    const message = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';
    expect(ss.cells()).toBeLessThanOrEqual(10_000_000);
    expect(() => ss.insertSheet('One more')).toThrow(message);
    big.deleteColumns(20, 7);
    ss.insertSheet('One more');
    expect(() => big.insertRowsAfter(1, 200_000)).toThrow(message);
  });
});

describe("an execution's writes are pending until flush() or its end", () => {
  test('seen by the execution that wrote them, hidden from the others until flushed', () => {
    const { meter, ss } = book();
    const tab = ss.sheet('Contacts');
    meter.executions.push(1);
    tab.appendRow(['Zoe', 'zoe@example.com']);
    expect(tab.getLastRow()).toBe(4);
    meter.executions.push(2);
    expect(tab.getLastRow()).toBe(3);
    tab.appendRow(['Yan', 'yan@example.com']);
    meter.executions.pop();
    ss.commit(1);
    meter.executions.push(2);
    // Execution 2 sees the committed row and its own pending one after it.
    expect(tab.rows.slice(3).map((row) => row[0])).toEqual(['Zoe', 'Yan']);
    meter.executions.pop();
    expect(tab.getLastRow()).toBe(4);
    ss.commit(2);
    expect(tab.getLastRow()).toBe(5);
  });

  test('releasing the lock with writes pending is recorded against the execution', () => {
    const { meter, ss } = book();
    const state = new ScriptLockState();
    meter.executions.push(7);
    const lock = new FakeLock(
      state,
      meter,
      7,
      () => undefined,
      () => ss.hasPending(7),
    );
    lock.tryLock(0);
    ss.sheet('Contacts').appendRow(['Zoe']);
    lock.releaseLock();
    expect(state.unflushedReleases).toEqual([7]);
    lock.tryLock(0);
    ss.sheet('Contacts').appendRow(['Yan']);
    ss.commit(7);
    lock.releaseLock();
    expect(state.unflushedReleases).toEqual([7]);
  });
});
