/**
 * The spreadsheet seen through the core's ports: SpreadsheetApp for searching and writing, the
 * Sheets advanced service (enabled in appsscript.json) for reading structure and rows in one call
 * each, whatever the number of columns or matches.
 */
import { StructureSnapshot } from '../core/state/config';
import { Layout } from '../core/state/layout';
import { RowSource } from '../core/lookup/contact-search';
import { AppTabs, AppTabSpec } from '../core/ports';
import { noteWrite } from './services';
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

export function rowSource(open: () => Spreadsheet, spreadsheetId: string): RowSource {
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
      const ranges = rows.map(({ tab, row, width }) => `${tabPrefix(tab)}A${row}:${columnLetters(width)}${row}`);
      // One call for every row, as Sheets displays them; Sheets leaves out trailing empty cells.
      const options = { ranges, valueRenderOption: 'FORMATTED_VALUE', majorDimension: 'ROWS' };
      const read = sheetsApi().Spreadsheets.Values.batchGet(spreadsheetId, options).valueRanges ?? [];
      return rows.map(({ width }, i) =>
        Array.from({ length: width }, (_, j) => String(read[i]?.values?.[0]?.[j] ?? '')),
      );
    },
  };
}

/**
 * The structure in two calls: the tabs' titles and grid sizes (for the spreadsheet's cell count) and
 * its time zone, then row 1 and column visibility of every tab that may hold contacts together with
 * the Settings tab's values.
 */
export function readStructure(spreadsheetId: string): StructureSnapshot {
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
  const dataFields = 'sheets(properties.title,data(rowData.values.formattedValue,columnMetadata.hiddenByUser))';
  for (const { properties, data } of api.Spreadsheets.get(spreadsheetId, { ranges: wanted, fields: dataFields })
    .sheets ?? []) {
    const title = properties?.title ?? '';
    const rows = (data?.[0]?.rowData ?? []).map((row) => (row.values ?? []).map((cell) => cell.formattedValue ?? ''));
    const hidden = (data?.[0]?.columnMetadata ?? []).map((column) => column.hiddenByUser === true);
    if (title === SETTINGS_TAB) snapshot.settingsRows = rows;
    else snapshot.headers[title] = { cells: rows[0] ?? [], hidden };
  }
  return snapshot;
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
  };
}

export function setupSheet(book: Spreadsheet): SetupSheet {
  return {
    spreadsheetId: book.getId(),
    structure: () => readStructure(book.getId()),
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
