/**
 * Contact lookup > Measure…, through the fakes on the built bundle: a measured time and the model's
 * figure for every call, the three findings as the fakes answer them, and nothing left behind.
 */
import { MEASURED_CALLS, modeledMs } from '../../src/core/admin/measure';
import { MEASURE } from '../../src/core/messages';
import { AppsScriptRuntime } from '../../local/gas/runtime';
import { contactsSheet, PEOPLE, setUpRuntime } from '../support/runtime';

const SCRATCH = /^Contact lookup scratch [0-9a-f]{8}$/;
/** The contacts tab of PEOPLE: 4 rows below the header, the Email column searched, 7 columns read. */
const SIZE = { rows: 4, searchedColumns: 1, rowWidth: 7 };

/** A clock that moves 3 ms at each reading, so every call takes measurable time. */
function tickingClock() {
  let now = Date.UTC(2026, 11, 1, 22, 0);
  return () => (now += 3);
}

function measure(runtime: AppsScriptRuntime, email = 'jane@example.com'): string {
  runtime.ui.replies.push({ button: 'OK', text: email });
  runtime.call('menuMeasure');
  return runtime.ui.shown[runtime.ui.shown.length - 1].message;
}

const tabs = (runtime: AppsScriptRuntime) => runtime.spreadsheet.sheets.map((sheet) => sheet.getName());

/** What staff and the app keep: every tab's cells, Script Properties, and the cache's keys. */
function kept(runtime: AppsScriptRuntime): string {
  return JSON.stringify({
    tabs: runtime.spreadsheet.sheets.map((sheet) => [sheet.getName(), sheet.rows, [...sheet.hidden], sheet.filter]),
    properties: [...runtime.scriptProperties.values],
    cacheKeys: Object.keys(runtime.cache.snapshot()).sort(),
  });
}

test('every call: a measured median over 5 runs beside the model; the three findings as the fakes answer', () => {
  const runtime = setUpRuntime(undefined, { now: tickingClock() });
  const before = kept(runtime);
  const report = measure(runtime);
  expect(runtime.ui.shown[runtime.ui.shown.length - 1].title).toBe('Measured on this spreadsheet');
  for (const call of MEASURED_CALLS) {
    const label = MEASURE.calls[call](SIZE);
    const line = report.split('\n').find((l) => l.startsWith(`${label}: `));
    const [, measured, first, model] =
      line?.match(/: (\d+) ms measured \(median of 5 runs; the first took (\d+) ms\); model (\d+) ms/) ?? [];
    expect([call, Number(measured) > 0, Number(first) > 0]).toEqual([call, true, true]);
    expect([call, Number(model)]).toEqual([call, Math.round(modeledMs(call, SIZE))]);
  }
  expect(report).toContain('(Spreadsheets.get, hiddenByUser): yes.');
  expect(report).toContain('TextFinder finds a row hidden by a filter: yes.');
  expect(report).toContain(
    "Writing one row past a new tab's grid (row 1001 of 1000): Google threw " +
      '"The coordinates of the range are outside the dimensions of the sheet." The app relies on neither outcome.',
  );
  // Staff data, the app's tabs, properties and cache as they were: the scratch tab and cache key are gone.
  expect(kept(runtime)).toBe(before);
  expect(runtime.logs.filter((entry) => entry.message.includes('jane'))).toEqual([]);
});

test('the scratch tab is placed last while it exists, and the admin is left on the tab they were on', () => {
  const runtime = setUpRuntime();
  const book = runtime.spreadsheet;
  book.setActiveSheet(book.sheet('Contacts'));
  const seen: string[][] = [];
  runtime.meter.hooks.push(({ method }) => void (method === 'hideColumns' && seen.push(tabs(runtime))));
  measure(runtime);
  expect(seen).toHaveLength(1);
  expect(seen[0].slice(0, -1)).toEqual(['Contacts', 'Settings']);
  expect(seen[0][seen[0].length - 1]).toMatch(SCRATCH);
  expect(tabs(runtime)).toEqual(['Contacts', 'Settings']);
  expect(book.getActiveSheet().getName()).toBe('Contacts');
});

test('two admins measuring at once: each on its own scratch tab, both reports whole, nothing left', () => {
  const runtime = setUpRuntime();
  const before = kept(runtime);
  let during: string[] = [];
  let second = '';
  const hook = ({ method, depth }: { method: string; depth: number }) => {
    if (method !== 'hideColumns' || depth !== 1 || second) return;
    second = measure(runtime, 'a.b@example.com');
    during = tabs(runtime);
  };
  runtime.meter.hooks.push(hook);
  runtime.ui.replies.push({ button: 'OK', text: 'jane@example.com' });
  runtime.call('menuMeasure');
  const first = runtime.ui.shown[runtime.ui.shown.length - 1].message;
  // While the second ran, the first's scratch tab was still there; the second had removed its own.
  expect(during.filter((name) => SCRATCH.test(name))).toHaveLength(1);
  for (const report of [first, second]) {
    expect(report.match(/ ms measured /g)).toHaveLength(MEASURED_CALLS.length);
    expect(report).toContain('hiddenByUser): yes.');
    expect(report).toContain('hidden by a filter: yes.');
  }
  expect(kept(runtime)).toBe(before);
});

test('a check that fails says so, the others are still made, and the scratch tab is deleted', () => {
  const runtime = setUpRuntime();
  const before = kept(runtime);
  runtime.meter.fault = (_, method) =>
    method === 'createFilter' ? new Error('Service Spreadsheets failed') : undefined;
  const report = measure(runtime);
  expect(report).toContain(
    'TextFinder finds a row hidden by a filter: could not be checked (Service Spreadsheets failed).',
  );
  expect(report).toContain('hiddenByUser): yes.');
  expect(report.match(/ ms measured /g)).toHaveLength(MEASURED_CALLS.length);
  expect(kept(runtime)).toBe(before);
});

test('a call that fails is reported as not measured; the cache key is removed all the same', () => {
  const runtime = setUpRuntime();
  const before = kept(runtime);
  runtime.meter.fault = (service, method) =>
    service === 'cache' && method === 'getAll' ? new Error('Service invoked too many times: cache') : undefined;
  const report = measure(runtime);
  expect(report).toContain(
    'Read the cache (CacheService getAll, one key): not measured (Service invoked too many times: cache)',
  );
  expect(report).toContain('Write the cache (CacheService putAll, one key): ');
  expect(kept(runtime)).toBe(before);
});

test('a held script lock is reported as such, without waiting more than once', () => {
  const runtime = setUpRuntime();
  runtime.lock.holdElsewhere();
  const report = measure(runtime);
  expect(report).toContain(
    'Take and release the script lock (tryLock, releaseLock): not measured (another execution held the script lock)',
  );
  expect(runtime.lock.timeouts).toBe(1);
});

test('when the scratch tab cannot be deleted, the admin is told which tab to delete', () => {
  const runtime = setUpRuntime();
  runtime.meter.fault = (_, method) =>
    method === 'deleteSheet' ? new Error('Service Spreadsheets failed') : undefined;
  measure(runtime);
  const shown = runtime.ui.shown[runtime.ui.shown.length - 1];
  expect(shown.title).toBe('Something went wrong');
  const left = tabs(runtime).find((name) => SCRATCH.test(name));
  expect(shown.message).toContain(`The scratch tab "${left}" could not be deleted (Service Spreadsheets failed)`);
});

test('without an email column, the contact calls say why and everything else is measured', () => {
  const runtime = new AppsScriptRuntime({ sheets: [{ name: 'Contacts', rows: [['Name'], ['Jane']] }] });
  const report = measure(runtime);
  expect(report).toContain('Search for the email (TextFinder over 0 rows × 0 columns): not measured (No email column');
  expect(report.match(/ ms measured /g)).toHaveLength(MEASURED_CALLS.length - 3);
  expect(report).toContain('hidden by a filter: yes.');
  expect(tabs(runtime)).toEqual(['Contacts']);
});

test('cancel does nothing; text that is not an email is refused before anything is measured', () => {
  const runtime = setUpRuntime([contactsSheet(PEOPLE)]);
  runtime.ui.replies.push({ button: 'CANCEL' });
  runtime.call('menuMeasure');
  expect(runtime.ui.shown.map((shown) => shown.kind)).toEqual(['prompt']);
  expect(measure(runtime, 'not an email')).toBe(
    'That is not an email address (expected something like jane@example.com). Nothing was measured.',
  );
  expect(runtime.meter.counts.sheetCalls).toBe(0);
});
