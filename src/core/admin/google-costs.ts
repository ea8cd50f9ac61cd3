/**
 * What each service call the local runtime counts would cost on Google, in milliseconds: a cost per
 * call, plus a cost per cell where Google's work grows with the range (a TextFinder scans every cell
 * of its range; reads and writes move every cell of theirs). Each figure names its source and when it
 * was read, or says it is a guess where nothing is published.
 *
 * Left out on purpose: Apps Script's own per-request overhead (starting the execution, loading the
 * script) and the 302 hop to the echo URL a web-app answer takes. Both are Google's and the same for
 * every request, whatever the app does, so the model counts only the work the app chooses.
 *
 * Plain data and one pure function, with no Node imports: the local runtime's meter (local/gas)
 * adds these costs to every call it counts, and Contact lookup > Measure… shows them beside the
 * times it measures on Google, so the figures can be corrected from real ones.
 */

export type CostedService = 'spreadsheet' | 'sheetsApi' | 'cache' | 'properties' | 'lock';

export interface CallCost {
  /** Milliseconds for one call. */
  ms: number;
  /** Milliseconds added for each cell the call scans, reads or writes. */
  perCellMs?: number;
  /** Where the figure comes from, with the date it was read; absent only when `guess` says why. */
  source?: string;
  /** Set when nothing published measures the call: what the figure rests on. */
  guess?: string;
}

/** The figures below are as issue 21 quotes them (2026-12-01); the pages could not be re-read from here. */
const READ_ON = 'as quoted in issue 21, 2026-12-01';

const TANAIKE_SEARCH =
  'https://tanaikech.github.io/2020/09/30/benchmark-process-costs-for-searching-values-in-spreadsheet-using-google-apps-script/';
const TANAIKE_READ_WRITE =
  'https://tanaikech.github.io/2018/10/12/benchmark-reading-and-writing-spreadsheet-using-google-apps-script/';
const POEHNELT_STORES = 'https://justin.poehnelt.com/posts/apps-script-key-value-stores';

/**
 * TextFinder over a whole sheet, V8, mean of more than 200 runs: about 1.1 s at 10,000 rows × 10
 * columns and 6.0 s at 100,000 × 10. The straight line through both points is 556 ms per search
 * plus 5.44 µs per cell scanned; the fixed part is kept, so small searches are not modeled as free.
 */
const TEXT_FINDER: CallCost = {
  ms: 556,
  perCellMs: 0.00544,
  source: `${TANAIKE_SEARCH} (1.1 s at 100,000 cells, 6.0 s at 1,000,000 cells; line through both; ${READ_ON})`,
};

/** A range read after openById: openById plus one read is 0.17–0.2 s, of which the open is most. */
const RANGE_READ: CallCost = {
  ms: 30,
  perCellMs: 0.001,
  source: `${TANAIKE_READ_WRITE} (openById plus one range read 0.17–0.2 s; ${READ_ON})`,
  guess: 'the split between openById (150 ms) and the read (30 ms), and 1 µs per cell, are ours',
};

const RANGE_WRITE: CallCost = {
  ms: 100,
  perCellMs: 0.001,
  guess: `writes are not split out in ${TANAIKE_READ_WRITE}; taken as a read plus a round trip to commit`,
};

/** Sheets API values.get/batchGet: 0.11–0.2 s; spreadsheets.get taken as the same round trip. */
const SHEETS_API_READ: CallCost = {
  ms: 150,
  perCellMs: 0.001,
  source: `${TANAIKE_READ_WRITE} (Sheets API values.get/batchGet 0.11–0.2 s; ${READ_ON})`,
};

/** Calls that ask Sheets about the structure (tabs, sizes) without moving cells. */
const SHEET_METADATA: CallCost = {
  ms: 20,
  guess: 'nothing published; a short round trip to Sheets',
};

/** Calls that change the structure (tabs, rows, frozen rows, formats, hidden columns). */
const SHEET_STRUCTURE_CHANGE: CallCost = {
  ms: 100,
  guess: 'nothing published; taken as a write',
};

const CACHE_READ: CallCost = {
  ms: 27,
  source: `${POEHNELT_STORES} (CacheService get, median of 20 runs 27 ms; the first call of an execution is slower and not modeled; ${READ_ON})`,
};
const CACHE_WRITE: CallCost = {
  ms: 100,
  source: `${POEHNELT_STORES} (CacheService put about 100 ms; ${READ_ON})`,
};
const PROPERTIES_READ: CallCost = {
  ms: 44,
  source: `${POEHNELT_STORES} (PropertiesService get 33–54 ms, the middle taken; ${READ_ON})`,
};
const PROPERTIES_WRITE: CallCost = {
  ms: 75,
  source: `${POEHNELT_STORES} (PropertiesService set about 75 ms; ${READ_ON})`,
};
const LOCK: CallCost = {
  ms: 50,
  guess:
    'nothing published for LockService; taken as one round trip, like a cache call. Time spent waiting is added as waited',
};

/** Every call the runtime counts, by service and method. */
export const GOOGLE_COSTS: Record<CostedService, Record<string, CallCost>> = {
  spreadsheet: {
    openById: {
      ms: 150,
      source: RANGE_READ.source,
      guess: RANGE_READ.guess,
    },
    getValues: RANGE_READ,
    getDisplayValues: RANGE_READ,
    findAll: TEXT_FINDER,
    findNext: TEXT_FINDER,
    setValues: RANGE_WRITE,
    appendRow: RANGE_WRITE,
    setNumberFormat: SHEET_STRUCTURE_CHANGE,
    getSheets: SHEET_METADATA,
    getSheetByName: SHEET_METADATA,
    getDataRange: SHEET_METADATA,
    getLastRow: SHEET_METADATA,
    getLastColumn: SHEET_METADATA,
    getMaxRows: SHEET_METADATA,
    getMaxColumns: SHEET_METADATA,
    getNumSheets: SHEET_METADATA,
    getActiveSheet: SHEET_METADATA,
    setActiveSheet: SHEET_METADATA,
    isColumnHiddenByUser: SHEET_METADATA,
    isRowHiddenByFilter: SHEET_METADATA,
    hideColumns: SHEET_STRUCTURE_CHANGE,
    createFilter: SHEET_STRUCTURE_CHANGE,
    setColumnFilterCriteria: SHEET_STRUCTURE_CHANGE,
    insertRowBefore: SHEET_STRUCTURE_CHANGE,
    insertRowsBefore: SHEET_STRUCTURE_CHANGE,
    insertRowAfter: SHEET_STRUCTURE_CHANGE,
    insertRowsAfter: SHEET_STRUCTURE_CHANGE,
    deleteRows: SHEET_STRUCTURE_CHANGE,
    deleteColumns: SHEET_STRUCTURE_CHANGE,
    getSpreadsheetTimeZone: SHEET_METADATA,
    flush: {
      ms: 100,
      guess: 'nothing published for SpreadsheetApp.flush(); taken as one round trip to commit the pending writes',
    },
    setFrozenRows: SHEET_STRUCTURE_CHANGE,
    insertSheet: SHEET_STRUCTURE_CHANGE,
    deleteSheet: SHEET_STRUCTURE_CHANGE,
  },
  sheetsApi: {
    'spreadsheets.get': SHEETS_API_READ,
    'spreadsheets.values.batchGet': SHEETS_API_READ,
  },
  cache: {
    get: CACHE_READ,
    getAll: CACHE_READ,
    put: CACHE_WRITE,
    putAll: CACHE_WRITE,
    remove: CACHE_WRITE,
    removeAll: CACHE_WRITE,
  },
  properties: {
    getProperty: PROPERTIES_READ,
    getProperties: PROPERTIES_READ,
    setProperty: PROPERTIES_WRITE,
    setProperties: PROPERTIES_WRITE,
    deleteProperty: PROPERTIES_WRITE,
  },
  lock: {
    tryLock: LOCK,
    waitLock: LOCK,
  },
};

/** The cost of a call the table does not list: a round trip, so a new call is never free. */
export const UNLISTED_CALL: CallCost = { ms: 100, guess: 'a call missing from the table' };

export function callCost(service: CostedService, method: string): CallCost {
  return GOOGLE_COSTS[service][method] ?? UNLISTED_CALL;
}
