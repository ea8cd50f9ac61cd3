/**
 * Contact lookup > Measure…: times measured on Google beside the cost model's (google-costs.ts), so
 * the model can be corrected from real figures, and what the three checks that cannot be made off
 * Google found. Plain data in, text out: the shell (src/gas/measure.ts) makes and times the calls.
 */
import { MEASURE } from '../messages';
import { callCost, CostedService } from './google-costs';

/** How many times each call is timed; the median is shown. */
export const MEASURE_RUNS = 5;

/** The calls Measure… times, each made the way the app makes it, in the order the report lists them. */
export const MEASURED_CALLS = [
  'open',
  'search',
  'readRow',
  'readRowApi',
  'cachePut',
  'cacheGet',
  'propertiesGet',
  'lock',
] as const;
export type MeasuredCall = (typeof MEASURED_CALLS)[number];

/** The contacts tab's size, for the calls whose cost grows with the cells they touch. */
export interface MeasuredSheet {
  /** Rows below the header, down to the last row with content. */
  rows: number;
  /** Columns the search spans: from the first to the last email column. */
  searchedColumns: number;
  /** Cells in one contact row as the app reads it. */
  rowWidth: number;
}

/** Which entry of the cost table models each call. */
const MODELED_AS: Record<MeasuredCall, { service: CostedService; method: string }> = {
  open: { service: 'spreadsheet', method: 'openById' },
  search: { service: 'spreadsheet', method: 'findAll' },
  readRow: { service: 'spreadsheet', method: 'getDisplayValues' },
  readRowApi: { service: 'sheetsApi', method: 'spreadsheets.values.batchGet' },
  cachePut: { service: 'cache', method: 'putAll' },
  cacheGet: { service: 'cache', method: 'getAll' },
  propertiesGet: { service: 'properties', method: 'getProperties' },
  lock: { service: 'lock', method: 'tryLock' },
};

function cellsTouched(call: MeasuredCall, sheet: MeasuredSheet): number {
  if (call === 'search') return sheet.rows * sheet.searchedColumns;
  return call === 'readRow' || call === 'readRowApi' ? sheet.rowWidth : 0;
}

/** The model's milliseconds for one call on this sheet: its fixed cost plus its cost per cell. */
export function modeledMs(call: MeasuredCall, sheet: MeasuredSheet): number {
  const { service, method } = MODELED_AS[call];
  const cost = callCost(service, method);
  return cost.ms + (cost.perCellMs ?? 0) * cellsTouched(call, sheet);
}

/** Whether the model's figure for a call rests on a guess rather than a published measurement. */
function modelIsGuess(call: MeasuredCall): boolean {
  const { service, method } = MODELED_AS[call];
  return callCost(service, method).guess !== undefined;
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Each run's milliseconds, or why the call could not be timed. */
export type Timing = { runsMs: number[] } | { failed: string };

/** A check made on the scratch tab, or why it could not be made. */
export type Checked<T> = { found: T } | { failed: string };

export interface Findings {
  /** Whether Spreadsheets.get reports a column hidden with hideColumns as hiddenByUser. */
  hiddenColumnSeen: Checked<boolean>;
  /** Whether the filter hid its row, and whether TextFinder found that row all the same. */
  filteredRowFound: Checked<{ rowHidden: boolean; found: boolean }>;
  /** A write one row past a new tab's grid of `rows` rows: the grid grew to `grewTo`, or the write threw. */
  pastGrid: Checked<{ rows: number; grewTo: number } | { rows: number; error: string }>;
}

export interface Measurements {
  runs: number;
  sheet: MeasuredSheet;
  timings: Record<MeasuredCall, Timing>;
  findings: Findings;
}

const wholeMs = (ms: number) => String(Math.round(ms));

function callLine(call: MeasuredCall, timing: Timing, sheet: MeasuredSheet): string {
  const label = MEASURE.calls[call](sheet);
  if ('failed' in timing) return MEASURE.notMeasured(label, timing.failed);
  const measured = median(timing.runsMs);
  const model = modeledMs(call, sheet);
  return MEASURE.measured({
    label,
    medianMs: wholeMs(measured),
    runs: timing.runsMs.length,
    firstMs: wholeMs(timing.runsMs[0]),
    modelMs: wholeMs(model),
    guess: modelIsGuess(call),
    ratio: (measured / model).toFixed(2),
  });
}

function findingLines({ hiddenColumnSeen, filteredRowFound, pastGrid }: Findings): string[] {
  const checked = <T>(what: string, check: Checked<T>, text: (found: T) => string) =>
    'failed' in check ? MEASURE.notChecked(what, check.failed) : text(check.found);
  return [
    checked(MEASURE.hiddenColumn, hiddenColumnSeen, (seen) =>
      seen ? MEASURE.hiddenColumnSeen : MEASURE.hiddenColumnUnseen,
    ),
    checked(MEASURE.filteredRow, filteredRowFound, ({ rowHidden, found }) =>
      !rowHidden ? MEASURE.filterHidNothing : found ? MEASURE.filteredRowFound : MEASURE.filteredRowMissed,
    ),
    checked(MEASURE.pastGrid, pastGrid, (outcome) =>
      'error' in outcome
        ? MEASURE.pastGridThrew(outcome.rows, outcome.error)
        : MEASURE.pastGridGrew(outcome.rows, outcome.grewTo),
    ),
  ];
}

/** The dialog: each call's measured median beside the model's figure, then the three findings. */
export function measureReport({ runs, sheet, timings, findings }: Measurements): string {
  return [
    MEASURE.intro(runs),
    '',
    ...MEASURED_CALLS.map((call) => callLine(call, timings[call], sheet)),
    '',
    MEASURE.findingsTitle,
    ...findingLines(findings).map((line) => `• ${line}`),
  ].join('\n');
}
