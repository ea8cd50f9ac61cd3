/**
 * The fakes follow Google's documented behaviour, so a test that passes on them holds on Google.
 */
import { parseA1 } from '../../local/gas/a1';
import { FakeCache } from '../../local/gas/cache';
import { getEvent, postEvent } from '../../local/gas/events';
import { Meter } from '../../local/gas/meter';
import { FakeProperties } from '../../local/gas/properties';
import { FakeSpreadsheet } from '../../local/gas/spreadsheet';

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

  test('A1 notation', () => {
    expect(parseA1("'It''s'!B2:C")).toEqual({ sheet: "It's", row: 2, column: 2, lastRow: undefined, lastColumn: 3 });
    expect(parseA1('1:1')).toEqual({ sheet: undefined, row: 1, column: 1, lastRow: 1, lastColumn: undefined });
    expect(() => parseA1('B2:A1')).toThrow();
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
