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
import { AppTabs, Platform } from '../core/ports';
import { preferSheetsApi } from '../core/state/sheets-api-rest';
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
 * The structure in two Sheets API calls: the tabs' titles, then row 1 and column visibility of every
 * tab that may hold contacts together with the Settings tab's values.
 */
function readStructureByApi(spreadsheetId: string): StructureSnapshot {
  const api = sheetsApi();
  const listed = api.Spreadsheets.get(spreadsheetId, { fields: 'sheets.properties(title,sheetType)' }).sheets ?? [];
  const tabs = listed.flatMap(({ properties: p }) => ((p?.sheetType ?? 'GRID') === 'GRID' ? [p?.title ?? ''] : []));
  const hasSettings = tabs.includes(SETTINGS_TAB);
  const snapshot: StructureSnapshot = { tabs, settingsRows: hasSettings ? [] : null, headers: {} };
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
  const sheets = open().getSheets();
  const tabs = sheets.map((sheet) => sheet.getName());
  const snapshot: StructureSnapshot = { tabs, settingsRows: null, headers: {} };
  for (const sheet of sheets) {
    const title = sheet.getName();
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

/** A new tab with its header row frozen, and number formats for whole columns (0-based). */
function newTab(book: Spreadsheet, name: string, headers: string[], formats: Record<number, string> = {}): Sheet {
  const sheet = book.insertSheet(name);
  sheet.getRange(1, 1, 1, headers.length).setValues([headers]);
  sheet.setFrozenRows(1);
  for (const [column, format] of Object.entries(formats)) belowHeader(sheet, Number(column)).setNumberFormat(format);
  return sheet;
}

export function appTabs(open: () => Spreadsheet): AppTabs {
  const existing = (name: string) => open().getSheetByName(name);
  return {
    append(spec, rows) {
      const sheet = existing(spec.name) ?? newTab(open(), spec.name, spec.headers, spec.formats);
      const last = Math.max(sheet.getLastRow(), 1);
      if (rows.length) sheet.getRange(last + 1, 1, rows.length, rows[0].length).setValues(rows);
      return last + rows.length;
    },
    column(tab, column) {
      const sheet = existing(tab);
      const below = (sheet?.getLastRow() ?? 0) - 1;
      return sheet && below > 0
        ? sheet
            .getRange(2, column + 1, below)
            .getValues()
            .map((row) => row[0])
        : [];
    },
    deleteRows(tab, firstRow, count) {
      existing(tab)?.deleteRows(firstRow, count);
    },
    contains(tab, column, text) {
      const sheet = existing(tab);
      const finder = sheet && belowHeader(sheet, column).createTextFinder(text);
      return !!finder?.matchEntireCell(true).matchCase(true).useRegularExpression(false).findNext();
    },
  };
}

export function setupSheet(book: Spreadsheet): SetupSheet {
  return {
    spreadsheetId: book.getId(),
    structure: () => readStructureByApi(book.getId()),
    append: appTabs(() => book).append,
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
