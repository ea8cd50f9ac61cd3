/**
 * Contact lookup > Measure… on Google: each call a lookup makes, timed with Date.now() the way the
 * app makes it, and three checks made on a scratch tab that is deleted afterwards, whatever happens.
 * Staff data and the app's tabs are only read; the email searched for is neither logged nor shown;
 * the scratch tab and cache key carry a fresh id, so two admins can measure at once.
 */
import {
  Checked,
  Findings,
  MEASURE_RUNS,
  MeasuredCall,
  MeasuredSheet,
  Measurements,
  Timing,
} from '../core/admin/measure';
import { emailCellPattern } from '../core/lookup/contact-search';
import { MEASURE } from '../core/messages';
import { ContactsPlace } from '../core/state/config';
import { LOCK_WAIT_MS, platform, scriptProperties } from './services';
import { columnsHiddenByUser, readRowsBySheetsApi, rowSource } from './spreadsheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const SCRATCH_TAB = 'Contact lookup scratch';
/** About the size of a cached answer; it lives a minute at most should removing it fail. */
const CACHE_PROBE = { value: 'x'.repeat(500), seconds: 60 };
/** Made-up addresses for the filter check on the scratch tab. */
const SHOWN_EMAIL = 'measure-shown@example.com';
const FILTERED_EMAIL = 'measure-filtered@example.com';

/** The message of a service error (which need not share this script's Error). */
function messageOf(err: unknown): string {
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(err);
}

/** Times `call` MEASURE_RUNS times; a run that fails ends the timing and says why. */
function timed(call: () => void): Timing {
  const runsMs: number[] = [];
  try {
    for (let run = 0; run < MEASURE_RUNS; run++) {
      const started = Date.now();
      call();
      runsMs.push(Date.now() - started);
    }
    return { runsMs };
  } catch (err) {
    return { failed: messageOf(err) };
  }
}

function checked<T>(check: () => T): Checked<T> {
  try {
    return { found: check() };
  } catch (err) {
    return { failed: messageOf(err) };
  }
}

type ContactCalls = Record<'search' | 'readRow' | 'readRowApi', Timing> & { size: MeasuredSheet };

/** The search and the two row reads, on the contacts tab, for an email already normalised. */
function timeContactCalls(book: Spreadsheet, email: string, contacts: ContactsPlace): ContactCalls {
  if (!('layout' in contacts)) {
    const failed = { failed: contacts.error };
    return { search: failed, readRow: failed, readRowApi: failed, size: { rows: 0, searchedColumns: 0, rowWidth: 0 } };
  }
  const { tab, emailColumns, headers } = contacts.layout;
  const source = rowSource(() => book, book.getId(), platform(), false);
  const contactsTab = book.getSheetByName(tab);
  const size = {
    rows: Math.max(0, (contactsTab?.getLastRow() ?? 0) - 1),
    searchedColumns: Math.max(...emailColumns) - Math.min(...emailColumns) + 1,
    rowWidth: headers.length,
  };
  // The row found, else the first contact row: a read costs the same whatever it holds, and is never shown.
  let row = 2;
  const search = timed(() => void (row = source.findRows(tab, emailColumns, emailCellPattern(email))[0] ?? 2));
  return {
    search,
    readRow: timed(() => void contactsTab?.getRange(row, 1, 1, size.rowWidth).getDisplayValues()),
    readRowApi: timed(() => void readRowsBySheetsApi(book.getId(), [{ tab, row, width: size.rowWidth }])),
    size,
  };
}

/** CacheService, Script Properties and the script lock, each called as the app calls it. */
function timeStoreCalls(token: string): Record<'cachePut' | 'cacheGet' | 'propertiesGet' | 'lock', Timing> {
  const cache = platform().cache;
  const key = `measure-${token}`;
  let cachePut: Timing, cacheGet: Timing;
  try {
    cachePut = timed(() => cache.putAll({ [key]: CACHE_PROBE.value }, CACHE_PROBE.seconds));
    cacheGet = timed(() => void cache.getAll([key]));
  } finally {
    // Should removing fail, the entry expires within a minute anyway.
    checked(() => cache.removeAll([key]));
  }
  return {
    cachePut,
    cacheGet,
    propertiesGet: timed(() => void scriptProperties().getAll()),
    lock: timed(() => {
      const lock = LockService.getScriptLock();
      if (!lock.tryLock(LOCK_WAIT_MS)) throw new Error(MEASURE.lockBusy);
      lock.releaseLock();
    }),
  };
}

/** Writes one row past the grid of a tab nobody has touched yet: the grid grows, or the write throws. */
function writePastGrid(sheet: Sheet): Findings['pastGrid'] {
  return checked(() => {
    const rows = sheet.getMaxRows();
    try {
      sheet.getRange(rows + 1, 1).setValue('past the grid');
      // Writes may wait until a flush; an error they meet shows up here.
      SpreadsheetApp.flush();
    } catch (err) {
      return { rows, error: messageOf(err) };
    }
    return { rows, grewTo: sheet.getMaxRows() };
  });
}

/** Hides column B by hand, as staff would, then reads the columns back the way readStructure does. */
function hideColumn(book: Spreadsheet, sheet: Sheet): Findings['hiddenColumnSeen'] {
  return checked(() => {
    sheet.getRange(1, 1, 1, 3).setValues([['Shown', 'Hidden', 'Shown']]);
    sheet.hideColumns(2);
    SpreadsheetApp.flush();
    const hidden = columnsHiddenByUser(book.getId(), sheet.getName());
    return hidden[1] === true && hidden[0] === false;
  });
}

/** A filter on column E hiding one row, then the app's own search for the address in that row. */
function searchFilteredRow(book: Spreadsheet, sheet: Sheet): Findings['filteredRowFound'] {
  return checked(() => {
    sheet.getRange(1, 5, 3, 1).setValues([['Email'], [SHOWN_EMAIL], [FILTERED_EMAIL]]);
    const criteria = SpreadsheetApp.newFilterCriteria().setHiddenValues([FILTERED_EMAIL]).build();
    sheet.getRange(1, 5, 3, 1).createFilter().setColumnFilterCriteria(5, criteria);
    SpreadsheetApp.flush();
    const rowHidden = sheet.isRowHiddenByFilter(3);
    const found = rowSource(() => book, book.getId(), platform(), false).findRows(
      sheet.getName(),
      [4],
      emailCellPattern(FILTERED_EMAIL),
    );
    return { rowHidden, found: found.includes(3) };
  });
}

function deleteScratchTab(book: Spreadsheet, sheet: Sheet, name: string): void {
  try {
    book.deleteSheet(sheet);
  } catch (err) {
    throw new Error(MEASURE.scratchTabLeft(name, messageOf(err)));
  }
}

/**
 * The three checks, on a new tab placed last (never taken for the contacts) and deleted afterwards;
 * the admin is left looking at the tab they were on, which inserting a tab changes.
 */
function checkOnScratchTab(book: Spreadsheet, token: string): Findings {
  const name = `${SCRATCH_TAB} ${token}`;
  let sheet: Sheet;
  const wasActive = book.getActiveSheet();
  try {
    sheet = book.insertSheet(name, book.getNumSheets());
  } catch (err) {
    const failed = { failed: messageOf(err) };
    return { pastGrid: failed, hiddenColumnSeen: failed, filteredRowFound: failed };
  }
  try {
    // A write past the grid first, while the tab is as Google makes every new tab.
    const pastGrid = writePastGrid(sheet);
    return { pastGrid, hiddenColumnSeen: hideColumn(book, sheet), filteredRowFound: searchFilteredRow(book, sheet) };
  } finally {
    checked(() => book.setActiveSheet(wasActive));
    deleteScratchTab(book, sheet, name);
  }
}

/** Every measurement Measure… reports, for an email already normalised. */
export function measureOnGoogle(book: Spreadsheet, email: string, contacts: ContactsPlace): Measurements {
  const token = Utilities.getUuid().slice(0, 8);
  const open = timed(() => void SpreadsheetApp.openById(book.getId()));
  const { size, ...contactCalls } = timeContactCalls(book, email, contacts);
  const timings: Record<MeasuredCall, Timing> = { open, ...contactCalls, ...timeStoreCalls(token) };
  return { runs: MEASURE_RUNS, sheet: size, timings, findings: checkOnScratchTab(book, token) };
}
