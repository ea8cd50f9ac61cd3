/**
 * The spreadsheet seen through the core's ports: SpreadsheetApp for reading rows and columns,
 * searching and writing; the Sheets advanced service (enabled in appsscript.json) where one request
 * saves several SpreadsheetApp calls (the structure; rows far apart), with SpreadsheetApp as the
 * fallback while it rests after an error (core/state/sheets-api-rest.ts), since it has a per-minute
 * quota and SpreadsheetApp has none.
 */
import { StructureSnapshot } from '../core/state/config';
import { Layout } from '../core/state/layout';
import { RowBlock, rowBlocks, rowsOfBlocks, RowRef, RowSource } from '../core/lookup/contact-search';
import { AppTabs, AppTabSpec, Platform } from '../core/ports';
import { preferSheetsApi } from '../core/state/sheets-api-rest';
import { flushWrites, noteWrite } from './services';
import { SetupSheet } from '../core/admin/setup';
import { isAppTab, SETTINGS_TAB } from '../core/tabs/tabs';
import { LOG } from '../core/messages';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** A1 prefix naming a tab, quoted so any tab name works: 'It''s'!A1. */
function tabPrefix(tab: string): string {
  return `'${tab.replace(/'/g, "''")}'!`;
}

function sheetsApi(): GoogleAppsScript.Sheets {
  if (typeof Sheets === 'undefined' || !Sheets) throw new Error(LOG.sheetsServiceOff);
  return Sheets;
}

type RestPlatform = Pick<Platform, 'cache' | 'log' | 'now'>;

/**
 * Up to this many blocks of rows are read with SpreadsheetApp, one call each (about 30 ms each on
 * Google, google-costs.ts); more take one Sheets API request instead (about 150 ms), which keeps a
 * cold lookup within 3 Sheets calls however scattered its matches, at the price of the API's quota.
 */
const SPREADSHEET_APP_BLOCKS = 2;

/** Rows scattered over the tabs in one Sheets API request, as Sheets displays them. */
export function readRowsBySheetsApi(spreadsheetId: string, rows: RowRef[]): string[][] {
  const ranges = rows.map(({ tab, row, width }) => `${tabPrefix(tab)}A${row}:${columnLetters(width)}${row}`);
  const options = { ranges, valueRenderOption: 'FORMATTED_VALUE', majorDimension: 'ROWS' };
  const read = sheetsApi().Spreadsheets.Values.batchGet(spreadsheetId, options).valueRanges ?? [];
  // Sheets leaves out trailing empty cells.
  return rows.map(({ width }, i) => Array.from({ length: width }, (_, j) => String(read[i]?.values?.[0]?.[j] ?? '')));
}

export function rowSource(
  open: () => Spreadsheet,
  spreadsheetId: string,
  platform: RestPlatform,
  sheetsApiResting: boolean,
): RowSource {
  const readBlock = ({ tab, first, last, width }: RowBlock) =>
    open()
      .getRange(`${tabPrefix(tab)}A${first}:${columnLetters(width)}${last}`)
      .getDisplayValues();
  return {
    findRows(tab, columns, pattern) {
      const wanted = columns.map((i) => i + 1);
      const [first, last] = [Math.min(...wanted), Math.max(...wanted)].map(columnLetters);
      // A regular expression matched against each cell's whole displayed text, any case: only cells
      // holding exactly the email come back, however many cells contain it.
      const cells = open()
        .getRange(`${tabPrefix(tab)}${first}2:${last}`)
        .createTextFinder(pattern)
        .useRegularExpression(true)
        .matchEntireCell(true)
        .matchCase(false)
        .matchFormulaText(false)
        .findAll()
        .filter((cell) => wanted.includes(cell.getColumn()));
      return [...new Set(cells.map((cell) => cell.getRow()))].sort((a, b) => a - b);
    },
    readRows(rows) {
      const blocks = rowBlocks(rows);
      const viaSpreadsheetApp = () => rowsOfBlocks(rows, blocks, blocks.map(readBlock));
      // The usual single match, or a contact and a chat: SpreadsheetApp, under no per-minute quota.
      if (blocks.length <= SPREADSHEET_APP_BLOCKS) return viaSpreadsheetApp();
      const viaApi = () => readRowsBySheetsApi(spreadsheetId, rows);
      return preferSheetsApi(platform, sheetsApiResting, viaApi, viaSpreadsheetApp);
    },
    readColumns(tab, columns) {
      // Open-ended: every row of the grid, blank ones included, in one read per column.
      return columns.map((index) => {
        const letters = columnLetters(index + 1);
        return open()
          .getRange(`${tabPrefix(tab)}${letters}2:${letters}`)
          .getDisplayValues()
          .map((row) => row[0]);
      });
    },
  };
}

/** Row 1's display values and each column's hidden state, as readStructure asks for them. */
const STRUCTURE_FIELDS = 'sheets(properties.title,data(rowData.values.formattedValue,columnMetadata.hiddenByUser))';

/**
 * The structure in two Sheets API calls: the tabs' titles and grid sizes (for the spreadsheet's cell count) and
 * its time zone, then row 1 and column visibility of every tab that may hold contacts together with
 * the Settings tab's values.
 */
function readStructureByApi(spreadsheetId: string): StructureSnapshot {
  const api = sheetsApi();
  const fields = 'properties.timeZone,sheets.properties(title,sheetType,gridProperties(rowCount,columnCount))';
  const book = api.Spreadsheets.get(spreadsheetId, { fields });
  const listed = book.sheets ?? [];
  const tabs = listed.flatMap(({ properties: p }) => ((p?.sheetType ?? 'GRID') === 'GRID' ? [p?.title ?? ''] : []));
  const hasSettings = tabs.includes(SETTINGS_TAB);
  // Every tab's grid counts against Google's 10,000,000 cells, whether it holds anything or not.
  const cells = listed.reduce(
    (sum, { properties: p }) => sum + (p?.gridProperties?.rowCount ?? 0) * (p?.gridProperties?.columnCount ?? 0),
    0,
  );
  const timeZone = book.properties?.timeZone;
  const snapshot: StructureSnapshot = {
    tabs,
    settingsRows: hasSettings ? [] : null,
    headers: {},
    cells,
    ...(timeZone ? { timeZone } : {}),
  };
  const ranges = tabs.map((tab) => (tab === SETTINGS_TAB ? `${tabPrefix(tab)}A:B` : `${tabPrefix(tab)}1:1`));
  const wanted = ranges.filter((_, i) => tabs[i] === SETTINGS_TAB || !isAppTab(tabs[i]));
  if (wanted.length === 0) return snapshot;
  const request = { ranges: wanted, fields: STRUCTURE_FIELDS };
  for (const { properties, data } of api.Spreadsheets.get(spreadsheetId, request).sheets ?? []) {
    const title = properties?.title ?? '';
    const rows = (data?.[0]?.rowData ?? []).map((row) => (row.values ?? []).map((cell) => cell.formattedValue ?? ''));
    const hidden = (data?.[0]?.columnMetadata ?? []).map((column) => column.hiddenByUser === true);
    if (title === SETTINGS_TAB) snapshot.settingsRows = rows;
    else snapshot.headers[title] = { cells: rows[0] ?? [], hidden };
  }
  return snapshot;
}

/**
 * The same structure through SpreadsheetApp, while the Sheets API rests: one call for the tabs, two
 * for the Settings tab, and per tab that may hold contacts two for row 1 and one per column for
 * whether staff hid it. Slower, but under no per-minute quota.
 */
function readStructureBySpreadsheetApp(open: () => Spreadsheet): StructureSnapshot {
  const book = open();
  const sheets = book.getSheets();
  const tabs = sheets.map((sheet) => sheet.getName());
  const snapshot: StructureSnapshot = { tabs, settingsRows: null, headers: {}, cells: 0 };
  const timeZone = book.getSpreadsheetTimeZone();
  if (timeZone) snapshot.timeZone = timeZone;
  for (const sheet of sheets) {
    const title = sheet.getName();
    // Every tab's grid counts against Google's 10,000,000 cells, whether it holds anything or not.
    snapshot.cells = (snapshot.cells ?? 0) + sheet.getMaxRows() * sheet.getMaxColumns();
    if (title === SETTINGS_TAB) {
      snapshot.settingsRows = sheet.getRange(1, 1, Math.max(1, sheet.getLastRow()), 2).getDisplayValues();
    } else if (!isAppTab(title)) {
      const width = sheet.getLastColumn();
      const cells = width > 0 ? sheet.getRange(1, 1, 1, width).getDisplayValues()[0] : [];
      snapshot.headers[title] = { cells, hidden: cells.map((_, i) => sheet.isColumnHiddenByUser(i + 1)) };
    }
  }
  return snapshot;
}

/** The structure: by the Sheets API in two requests, or through SpreadsheetApp while the API rests. */
export function readStructure(
  spreadsheetId: string,
  open: () => Spreadsheet,
  platform: RestPlatform,
  sheetsApiResting: boolean,
): StructureSnapshot {
  return preferSheetsApi(
    platform,
    sheetsApiResting,
    () => readStructureByApi(spreadsheetId),
    () => readStructureBySpreadsheetApp(open),
  );
}

/** A whole column (0-based) below the header row. */
function belowHeader(sheet: Sheet, column: number): GoogleAppsScript.Spreadsheet.Range {
  const letters = columnLetters(column + 1);
  return sheet.getRange(`${letters}2:${letters}`);
}

/**
 * Gives a tab its header row, frozen, and number formats for whole columns (0-based). The header row
 * goes first, right after the tab is made: a failure later leaves at worst a column format or the
 * freeze missing, and a tab left empty gets its header row back on the next locked write. The app's
 * own tabs keep only their own columns (a new tab has 26), so they take no more of the
 * spreadsheet's 10,000,000 cells than they use.
 */
function giveHeader(sheet: Sheet, spec: AppTabSpec): void {
  sheet.appendRow(spec.headers);
  noteWrite();
  const extra = isAppTab(spec.name) ? sheet.getMaxColumns() - spec.headers.length : 0;
  if (extra > 0) sheet.deleteColumns(spec.headers.length + 1, extra);
  sheet.setFrozenRows(1);
  for (const [column, format] of Object.entries(spec.formats ?? {}))
    belowHeader(sheet, Number(column)).setNumberFormat(format);
}

export function appTabs(open: () => Spreadsheet): AppTabs {
  const sheets = new Map<string, Sheet | null>();
  const existing = (name: string): Sheet | null => {
    if (!sheets.has(name)) sheets.set(name, open().getSheetByName(name));
    return sheets.get(name) ?? null;
  };
  const sheet = (name: string): Sheet => {
    const found = existing(name);
    if (!found) throw new Error(LOG.tabMissing(name));
    return found;
  };
  const create = (spec: AppTabSpec): Sheet => {
    const made = open().insertSheet(spec.name);
    noteWrite();
    sheets.set(spec.name, made);
    giveHeader(made, spec);
    return made;
  };
  return {
    prepare(spec, allowed) {
      const found = existing(spec.name);
      if (!found) return allowed ? (create(spec), 1) : undefined;
      const last = found.getLastRow();
      if (last > 0) return last;
      if (!allowed) return undefined;
      giveHeader(found, spec);
      return 1;
    },
    // appendRow "is atomic; it prevents issues where a user asks for the last row, and then writes to
    // that row, and an intervening mutation occurs" (https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendrowrowcontents).
    appendRow(tab, row) {
      sheet(tab).appendRow(row);
      noteWrite();
    },
    appendRows(spec, rows) {
      const target = existing(spec.name) ?? create(spec);
      if (rows.length === 0) return;
      // A tab left empty by a failure right after it was made gets its header row first.
      if (target.getLastRow() === 0) giveHeader(target, spec);
      const last = Math.max(target.getLastRow(), 1);
      const missing = last + rows.length - target.getMaxRows();
      if (missing > 0) target.insertRowsAfter(target.getMaxRows(), missing);
      target.getRange(last + 1, 1, rows.length, rows[0].length).setValues(rows);
      noteWrite();
    },
    column(tab, column, firstRow, lastRow) {
      if (lastRow < firstRow) return [];
      return sheet(tab)
        .getRange(firstRow, column + 1, lastRow - firstRow + 1)
        .getValues()
        .map((row) => row[0]);
    },
    deleteRows(tab, firstRow, count) {
      const target = sheet(tab);
      // Google refuses to delete every row below the frozen header ("not possible to delete all
      // non-frozen rows"): when a deletion would, an empty row is added at the bottom first.
      if (firstRow === 2 && firstRow + count - 1 >= target.getMaxRows()) target.insertRowsAfter(target.getMaxRows(), 1);
      target.deleteRows(firstRow, count);
      noteWrite();
    },
    contains(tab, column, text) {
      const found = existing(tab);
      const finder = found && belowHeader(found, column).createTextFinder(text);
      return !!finder?.matchEntireCell(true).matchCase(true).useRegularExpression(false).findNext();
    },
    rowsWith(tab, columns, text) {
      const found = existing(tab);
      if (!found || columns.length === 0) return [];
      const wanted = columns.map((c) => c + 1);
      const [first, last] = [Math.min(...wanted), Math.max(...wanted)].map(columnLetters);
      const cells = found
        .getRange(`${first}2:${last}`)
        .createTextFinder(text)
        .matchEntireCell(true)
        .matchCase(false)
        .useRegularExpression(false)
        .findAll()
        .filter((cell) => wanted.includes(cell.getColumn()));
      return [...new Set(cells.map((cell) => cell.getRow()))].sort((a, b) => a - b);
    },
    flush: flushWrites,
  };
}

export function setupSheet(book: Spreadsheet): SetupSheet {
  return {
    spreadsheetId: book.getId(),
    structure: () => readStructureByApi(book.getId()),
    append: appTabs(() => book).appendRows,
    trimColumns(specs) {
      let freed = 0;
      for (const spec of specs) {
        const sheet = book.getSheetByName(spec.name);
        if (!sheet) continue;
        const keep = Math.max(spec.headers.length, sheet.getLastColumn());
        const extra = sheet.getMaxColumns() - keep;
        if (extra <= 0) continue;
        sheet.deleteColumns(keep + 1, extra);
        noteWrite();
        freed += extra * sheet.getMaxRows();
      }
      return freed;
    },
  };
}

/** The email columns' cells (display values) of every contact row, for Check setup. */
export function emailCells(book: Spreadsheet, layout: Layout): string[][] {
  const sheet = book.getSheetByName(layout.tab);
  const rows = (sheet?.getLastRow() ?? 0) - 1;
  if (!sheet || rows < 1) return [];
  const columns = layout.emailColumns;
  const first = Math.min(...columns);
  const block = sheet.getRange(2, first + 1, rows, Math.max(...columns) - first + 1).getDisplayValues();
  return block.map((row) => columns.map((c) => row[c - first]));
}

/** Whether each column of a tab's row 1 is hidden by hand, read through the same request as readStructure. */
export function columnsHiddenByUser(spreadsheetId: string, tab: string): boolean[] {
  const options = { ranges: [`${tabPrefix(tab)}1:1`], fields: STRUCTURE_FIELDS };
  const data = sheetsApi().Spreadsheets.get(spreadsheetId, options).sheets?.[0]?.data?.[0];
  return (data?.columnMetadata ?? []).map((column) => column.hiddenByUser === true);
}
