/**
 * The local runtime enforces Google's budgets the way Google refuses, on its own clock, and each can
 * be changed or switched off; every counted call adds the cost model's milliseconds.
 */
import {
  Budgets,
  CONSUMER_BUDGETS,
  NO_BUDGETS,
  PROPERTIES_QUOTA_MESSAGE,
  WORKSPACE_BUDGETS,
} from '../../local/gas/budgets';
import { FakeCache } from '../../local/gas/cache';
import { callCost, GOOGLE_COSTS } from '../../local/gas/google-costs';
import { Meter, ServiceCall } from '../../local/gas/meter';
import { FakeProperties } from '../../local/gas/properties';
import { AppsScriptRuntime } from '../../local/gas/runtime';
import { fakeSheetsService } from '../../local/gas/sheets-api';
import { FakeSpreadsheet } from '../../local/gas/spreadsheet';
import { contactsSheet, lookup, PEOPLE, setSetting, setUpRuntime } from '../support/runtime';

const START = Date.UTC(2026, 11, 1, 9);

function metered(limits: Partial<typeof CONSUMER_BUDGETS> = {}) {
  const clock = { now: START, user: 'owner@example.com' };
  const meter = new Meter();
  const budgets = new Budgets(
    limits,
    () => clock.now,
    () => clock.user,
  );
  meter.budgets = budgets;
  const book = new FakeSpreadsheet(meter, 'id', 'Book', [contactsSheet(PEOPLE)]);
  const sheets = fakeSheetsService(book, meter);
  const read = () => sheets.Spreadsheets.Values.batchGet('id', { ranges: ['Contacts!A2:G2'] });
  return { clock, meter, budgets, sheets, read, properties: new FakeProperties(meter) };
}

const PER_USER_429 =
  "GoogleJsonResponseException: API call to sheets.spreadsheets.values.batchGet failed with error: Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:100000000001'.";

describe('Sheets API: 60 read requests a minute per user, 300 per project', () => {
  test('the 61st read within a minute gets the 429 Apps Script throws; a minute later reads go through', () => {
    const { clock, read, sheets, budgets } = metered();
    for (let i = 0; i < 60; i++) {
      clock.now += 500;
      expect(read().valueRanges).toHaveLength(1);
    }
    expect(() => read()).toThrow(PER_USER_429);
    expect(() => sheets.Spreadsheets.get('id', { fields: 'sheets.properties.title' })).toThrow(
      'API call to sheets.spreadsheets.get failed with error: Quota exceeded',
    );
    clock.now += 30_500; // the first read is now more than a minute old
    expect(read().valueRanges).toHaveLength(1);
    expect(budgets.stats).toMatchObject({ sheetsApiReads: 63, sheetsApiRefused: 2, peakSheetsApiReadsPerMinute: 62 });
  });

  test('several users share the project limit of 300', () => {
    const { clock, read } = metered();
    for (let user = 0; user < 5; user++) {
      clock.user = `user${user}@example.com`;
      for (let i = 0; i < 60; i++) read();
    }
    clock.user = 'user5@example.com';
    expect(() => read()).toThrow("limit 'Read requests per minute' of service 'sheets.googleapis.com'");
  });

  test('switched off or changed through the limits', () => {
    const off = metered({ sheetsApiReadsPerMinutePerUser: Infinity, sheetsApiReadsPerMinutePerProject: Infinity });
    for (let i = 0; i < 500; i++) off.read();
    expect(off.budgets.stats.sheetsApiRefused).toBe(0);
    const tight = metered({ sheetsApiReadsPerMinutePerUser: 2 });
    tight.read();
    tight.read();
    expect(() => tight.read()).toThrow(PER_USER_429);
  });

  test('a transient 503 can be injected; the request after it goes through', () => {
    const { read, budgets } = metered();
    budgets.failSheetsApi(1);
    expect(() => read()).toThrow(
      'GoogleJsonResponseException: API call to sheets.spreadsheets.values.batchGet failed with error: The service is currently unavailable.',
    );
    expect(read().valueRanges).toHaveLength(1);
  });
});

describe('Properties: 50,000 calls a day (consumer), 500,000 on Workspace', () => {
  test('the call past the day’s quota throws Apps Script’s daily-quota error; 24 hours after the first call it resets', () => {
    const { clock, properties, budgets } = metered();
    properties.setProperty('K', 'v');
    for (let i = 1; i < 50_000; i++) properties.getProperty('K');
    expect(() => properties.getProperty('K')).toThrow(PROPERTIES_QUOTA_MESSAGE);
    expect(() => properties.setProperty('K', 'w')).toThrow('Service invoked too many times for one day: properties.');
    expect(properties.values.get('K')).toBe('v');
    clock.now += 24 * 60 * 60_000;
    expect(properties.getProperty('K')).toBe('v');
    expect(budgets.stats).toMatchObject({ propertiesCalls: 50_003, propertiesRefused: 2 });
  });

  test('Workspace allows 500,000; Infinity switches the budget off', () => {
    expect(WORKSPACE_BUDGETS.propertiesCallsPerDay).toBe(500_000);
    const off = metered({ propertiesCallsPerDay: Infinity });
    for (let i = 0; i < 60_000; i++) off.properties.getProperty('K');
    expect(off.budgets.stats.propertiesRefused).toBe(0);
  });
});

describe("Triggers' total runtime: 90 minutes a day (consumer), 6 hours on Workspace", () => {
  test('once the day’s trigger runtime is spent, triggers stop running until the day is over', () => {
    let now = START;
    // A budget of one modeled millisecond: the first trigger spends it.
    const runtime = setUpRuntime([contactsSheet(PEOPLE)], { now: () => now, budgets: { triggerRuntimeMsPerDay: 1 } });
    const ran = () => runtime.budgets.stats.triggerExecutions;
    expect(lookup(runtime, 'jane@example.com')).toContain('Company: Acme');
    runtime.edit('Contacts', 'C2', 'First edit');
    const afterFirst = ran();
    expect(afterFirst).toBeGreaterThan(0);
    expect(runtime.budgets.stats.triggerMs).toBeGreaterThan(1);
    runtime.edit('Contacts', 'C2', 'Second edit');
    expect(ran()).toBe(afterFirst);
    expect(runtime.budgets.stats.triggersNotRun).toBeGreaterThan(0);
    now += 24 * 60 * 60_000;
    runtime.edit('Contacts', 'C2', 'Next day');
    expect(ran()).toBeGreaterThan(afterFirst);
  });

  test('the default is 90 minutes (6 hours on Workspace); Infinity switches it off', () => {
    expect(CONSUMER_BUDGETS.triggerRuntimeMsPerDay).toBe(90 * 60_000);
    expect(WORKSPACE_BUDGETS.triggerRuntimeMsPerDay).toBe(6 * 60 * 60_000);
    const runtime = setUpRuntime([contactsSheet(PEOPLE)], { budgets: NO_BUDGETS });
    for (let i = 0; i < 3; i++) runtime.edit('Contacts', 'C2', `Edit ${i}`);
    expect(runtime.budgets.stats.triggersNotRun).toBe(0);
    expect(runtime.budgets.stats.triggerExecutions).toBeGreaterThanOrEqual(3);
  });
});

describe('the cost model', () => {
  test('each counted call adds its modeled milliseconds, per call and per cell', () => {
    const { meter, read, properties } = metered();
    const cache = new FakeCache(meter, () => START);
    cache.get('k');
    expect(meter.counts.modeledMs).toBe(27);
    cache.put('k', 'v');
    properties.getProperty('k');
    expect(meter.counts.modeledMs).toBe(27 + 100 + 44);
    meter.reset();
    read();
    expect(meter.counts).toMatchObject({ sheetCalls: 1, sheetsApiCalls: 1, cellsMoved: 7 });
    expect(meter.counts.modeledMs).toBeCloseTo(150 + 7 * 0.001, 6);
  });

  test('a TextFinder costs per cell scanned: about 1.1 s at 100,000 cells and 6.0 s at 1,000,000, as measured', () => {
    const at = (cells: number) =>
      callCost('spreadsheet', 'findAll').ms + cells * callCost('spreadsheet', 'findAll').perCellMs!;
    expect(at(100_000)).toBeCloseTo(1100, -1);
    expect(at(1_000_000)).toBeCloseTo(6000, -1);
    const meter = new Meter();
    const rows = Array.from({ length: 1000 }, (_, i) => [`P ${i}`, `p${i}@example.com`, 'x']);
    const book = new FakeSpreadsheet(meter, 'id', 'Book', [contactsSheet(rows, ['Name', 'Email', 'Note'])]);
    book.getRange('Contacts!B2:B').createTextFinder('p5@example.com').matchEntireCell(true).findAll();
    expect(meter.counts.modeledMs).toBeCloseTo(at(1000), 6);
  });

  test('every call the app makes has a cost, with a source or a reason it is a guess', () => {
    for (const methods of Object.values(GOOGLE_COSTS)) {
      for (const cost of Object.values(methods)) {
        expect(cost.ms).toBeGreaterThan(0);
        expect(cost.source ?? cost.guess).toBeTruthy();
      }
    }
    let now = START;
    const runtime = setUpRuntime([contactsSheet(PEOPLE)], { now: () => now });
    const calls: ServiceCall[] = [];
    runtime.meter.hooks.push((call) => calls.push(call));
    setSetting(runtime, 'Chat history', 'on');
    setSetting(runtime, 'Lookup log', 'on');
    lookup(runtime, 'jane@example.com');
    now += 61_000;
    lookup(runtime, 'jane@example.com');
    runtime.post(
      `key=${runtime.accessKey()}`,
      JSON.stringify({ id: 'c1', requested_by: 'jane@example.com' }),
      'application/json',
    );
    runtime.ui.replies.push({ button: 'OK' });
    runtime.call('menuCheckSetup');
    expect(calls.length).toBeGreaterThan(10);
    for (const call of calls) expect(GOOGLE_COSTS[call.service][call.method]).toBeDefined();
  });

  test('an execution’s modeled time is kept apart from the others', () => {
    const runtime = setUpRuntime([contactsSheet(PEOPLE)]);
    lookup(runtime, 'jane@example.com');
    runtime.meter.reset();
    lookup(runtime, 'jane@example.com');
    expect(runtime.lastExecutionMs).toBe(runtime.meter.counts.modeledMs);
    expect(runtime.lastExecutionMs).toBe(27);
  });
});

test('the runtime enforces consumer budgets unless told otherwise', () => {
  expect(new AppsScriptRuntime().budgets.limits).toEqual(CONSUMER_BUDGETS);
  expect(new AppsScriptRuntime({ budgets: NO_BUDGETS }).budgets.limits).toEqual(NO_BUDGETS);
});
