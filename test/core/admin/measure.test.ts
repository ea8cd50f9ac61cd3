/**
 * Measure…'s report: medians of the runs, the cost model's figures for the same calls on the same
 * sheet, the ratio between them, and the three findings in words.
 */
import { GOOGLE_COSTS } from '../../../src/core/admin/google-costs';
import {
  Findings,
  MEASURED_CALLS,
  MeasuredCall,
  measureReport,
  median,
  modeledMs,
  Timing,
} from '../../../src/core/admin/measure';

const SHEET = { rows: 10_000, searchedColumns: 2, rowWidth: 12 };

const FOUND: Findings = {
  hiddenColumnSeen: { found: true },
  filteredRowFound: { found: { rowHidden: true, found: true } },
  pastGrid: { found: { rows: 1000, error: 'The coordinates of the range are outside the dimensions of the sheet.' } },
};

/** Runs whose median is `ms`, given out of order with outliers on both sides. */
const runsAround = (ms: number): Timing => ({ runsMs: [ms + 900, ms - 5, ms, ms + 1, ms - 3] });

function report(timings: Partial<Record<MeasuredCall, Timing>> = {}, findings: Partial<Findings> = {}) {
  const all = Object.fromEntries(MEASURED_CALLS.map((call) => [call, timings[call] ?? runsAround(100)]));
  return measureReport({
    runs: 5,
    sheet: SHEET,
    timings: all as Record<MeasuredCall, Timing>,
    findings: { ...FOUND, ...findings },
  });
}

const lineOf = (text: string, start: string) => text.split('\n').find((line) => line.startsWith(start));

test('median: the middle run, or the mean of the two middle ones; never of nothing', () => {
  expect(median([30, 10, 20])).toBe(20);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(median([7])).toBe(7);
  expect(() => median([])).toThrow();
});

test("the model's figure is the table's fixed cost plus its cost per cell for the cells the call touches", () => {
  const { findAll, openById, getDisplayValues } = GOOGLE_COSTS.spreadsheet;
  const batchGet = GOOGLE_COSTS.sheetsApi['spreadsheets.values.batchGet'];
  expect(modeledMs('search', SHEET)).toBeCloseTo(findAll.ms + (findAll.perCellMs ?? 0) * 20_000, 6);
  expect(modeledMs('readRow', SHEET)).toBeCloseTo(getDisplayValues.ms + (getDisplayValues.perCellMs ?? 0) * 12, 6);
  expect(modeledMs('readRowApi', SHEET)).toBeCloseTo(batchGet.ms + (batchGet.perCellMs ?? 0) * 12, 6);
  expect(modeledMs('open', SHEET)).toBe(openById.ms);
  expect(modeledMs('cacheGet', SHEET)).toBe(GOOGLE_COSTS.cache.getAll.ms);
  expect(modeledMs('cachePut', SHEET)).toBe(GOOGLE_COSTS.cache.putAll.ms);
  expect(modeledMs('propertiesGet', SHEET)).toBe(GOOGLE_COSTS.properties.getProperties.ms);
  expect(modeledMs('lock', SHEET)).toBe(GOOGLE_COSTS.lock.tryLock.ms);
  // A bigger sheet costs a search more, and a row read nothing more.
  const bigger = { ...SHEET, rows: 100_000 };
  expect(modeledMs('search', bigger)).toBeGreaterThan(modeledMs('search', SHEET));
  expect(modeledMs('readRow', bigger)).toBe(modeledMs('readRow', SHEET));
});

test('each call: measured median, runs, model and ratio, in the order lookups make them', () => {
  const search = modeledMs('search', SHEET);
  const text = report({ search: runsAround(2 * Math.round(search)), lock: runsAround(80) });
  const calls = text.split('\n').filter((line) => line.includes(' ms measured '));
  expect(calls).toHaveLength(MEASURED_CALLS.length);
  expect(calls[0]).toMatch(/^Open the spreadsheet \(SpreadsheetApp\.openById\): 100 ms measured/);
  expect(lineOf(text, 'Search for the email')).toBe(
    `Search for the email (TextFinder over 10000 rows × 2 columns): ${2 * Math.round(search)} ms measured ` +
      `(median of 5 runs; the first took ${2 * Math.round(search) + 900} ms); model ${Math.round(search)} ms; ratio ${((2 * Math.round(search)) / search).toFixed(2)}`,
  );
  expect(lineOf(text, 'Take and release the script lock')).toBe(
    `Take and release the script lock (tryLock, releaseLock): 80 ms measured (median of 5 runs; the first took 980 ms); ` +
      `model ${GOOGLE_COSTS.lock.tryLock.ms} ms (guess); ratio ${(80 / GOOGLE_COSTS.lock.tryLock.ms).toFixed(2)}`,
  );
  expect(lineOf(text, 'Read the cache')).toContain(`model ${GOOGLE_COSTS.cache.getAll.ms} ms; ratio`);
});

test('a call that failed says why instead of a time; the others are still reported', () => {
  const text = report({ lock: { failed: 'another execution held the script lock' } });
  expect(lineOf(text, 'Take and release')).toBe(
    'Take and release the script lock (tryLock, releaseLock): not measured (another execution held the script lock)',
  );
  expect(lineOf(text, 'Open the spreadsheet')).toContain('100 ms measured');
});

test('the three findings as Google answered them', () => {
  const found = report();
  expect(found).toContain(
    '\n\nChecked on a scratch tab, deleted afterwards:\n' +
      '• A column hidden by hand reads as hidden through the Sheets API (Spreadsheets.get, hiddenByUser): yes. ' +
      'Hidden columns stay out of answers.\n' +
      '• TextFinder finds a row hidden by a filter: yes. Filters do not hide contacts from lookups.\n' +
      "• Writing one row past a new tab's grid (row 1001 of 1000): Google threw " +
      '"The coordinates of the range are outside the dimensions of the sheet." The app relies on neither outcome.',
  );
  const other = report(
    {},
    {
      hiddenColumnSeen: { found: false },
      filteredRowFound: { found: { rowHidden: true, found: false } },
      pastGrid: { found: { rows: 1000, grewTo: 1001 } },
    },
  );
  expect(other).toContain('(Spreadsheets.get, hiddenByUser): NO. Answers may show columns hidden by hand');
  expect(other).toContain('TextFinder finds a row hidden by a filter: NO. Contacts in rows a filter hides');
  expect(other).toContain('(row 1001 of 1000): Google added rows; the tab has 1001.');
  const inconclusive = report({}, { filteredRowFound: { found: { rowHidden: false, found: true } } });
  expect(inconclusive).toContain('TextFinder finds a row hidden by a filter: nothing learned');
  const failed = report({}, { hiddenColumnSeen: { failed: 'Sheets API off' } });
  expect(failed).toContain('(Spreadsheets.get, hiddenByUser): could not be checked (Sheets API off).');
});
