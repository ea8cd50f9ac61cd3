/**
 * The spreadsheet seen through the core's ports: SpreadsheetApp for searching and writing, the
 * Sheets advanced service (enabled in appsscript.json) for reading structure and rows in one call
 * each, whatever the number of columns or matches.
 */
import { StructureSnapshot } from '../core/config';
import { RowSource } from '../core/contact-search';
import { asText } from '../core/app-tab-log';
import { AppTabs } from '../core/ports';
import { SetupSheet } from '../core/setup';
import { isAppTab, SETTINGS_TAB } from '../core/tabs';
import { LOG } from '../core/messages';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

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

/** A row of values as wide as `width`, text only (Sheets leaves out trailing empty cells). */
function textRow(values: unknown[] | undefined, width: number): string[] {
  return Array.from({ length: width }, (_, i) => (values?.[i] === undefined ? '' : String(values[i])));
}

export function rowSource(open: () => Spreadsheet, spreadsheetId: string): RowSource {
  return {
    findRows(tab, columns, pattern) {
      const first = Math.min(...columns) + 1;
      const last = Math.max(...columns) + 1;
      const wanted = new Set(columns.map((i) => i + 1));
      // A regular expression matched against each cell's whole displayed text, any case: only cells
      // holding exactly the email come back, however many cells contain it.
      const cells = open()
        .getRange(`${tabPrefix(tab)}${columnLetters(first)}2:${columnLetters(last)}`)
        .createTextFinder(pattern)
        .useRegularExpression(true)
        .matchEntireCell(true)
        .matchCase(false)
        .matchFormulaText(false)
        .findAll();
      const rows = new Set<number>();
      for (const cell of cells) if (wanted.has(cell.getColumn())) rows.add(cell.getRow());
      return [...rows].sort((a, b) => a - b);
    },
    readRows(rows) {
      const ranges = rows.map(({ tab, row, width }) => `${tabPrefix(tab)}A${row}:${columnLetters(width)}${row}`);
      // One call for every row, as Sheets displays them.
      const response = sheetsApi().Spreadsheets.Values.batchGet(spreadsheetId, {
        ranges,
        valueRenderOption: 'FORMATTED_VALUE',
        majorDimension: 'ROWS',
      });
      return (response.valueRanges ?? []).map((range, i) => textRow(range.values?.[0], rows[i].width));
    },
  };
}

/**
 * The structure in two calls: the tabs' titles, then row 1 and column visibility of every tab that
 * may hold contacts together with the Settings tab's values.
 */
export function readStructure(spreadsheetId: string): StructureSnapshot {
  const api = sheetsApi();
  const listed = api.Spreadsheets.get(spreadsheetId, { fields: 'sheets.properties(title,sheetType)' }).sheets ?? [];
  const grids = listed.filter((s) => (s.properties?.sheetType ?? 'GRID') === 'GRID');
  const tabs = grids.map((s) => s.properties?.title ?? '');
  const candidates = tabs.filter((tab) => !isAppTab(tab));
  const hasSettings = tabs.includes(SETTINGS_TAB);
  const ranges = [
    ...candidates.map((tab) => `${tabPrefix(tab)}1:1`),
    ...(hasSettings ? [`${tabPrefix(SETTINGS_TAB)}A:B`] : []),
  ];
  const snapshot: StructureSnapshot = { tabs, settingsRows: hasSettings ? [] : null, headers: {} };
  if (ranges.length === 0) return snapshot;
  const fields = 'sheets(properties.title,data(rowData.values.formattedValue,columnMetadata.hiddenByUser))';
  for (const sheet of api.Spreadsheets.get(spreadsheetId, { ranges, fields }).sheets ?? []) {
    const title = sheet.properties?.title ?? '';
    const grid = sheet.data?.[0];
    const rows = (grid?.rowData ?? []).map((row) => (row.values ?? []).map((cell) => cell.formattedValue ?? ''));
    if (title === SETTINGS_TAB) snapshot.settingsRows = rows;
    else {
      const hidden = (grid?.columnMetadata ?? []).map((column) => column.hiddenByUser === true);
      snapshot.headers[title] = { cells: rows[0] ?? [], hidden };
    }
  }
  return snapshot;
}

export function appTabs(open: () => Spreadsheet): AppTabs {
  const existing = (name: string) => open().getSheetByName(name);
  return {
    append(spec, row) {
      let sheet = existing(spec.name);
      if (!sheet) {
        sheet = open().insertSheet(spec.name);
        sheet.appendRow(spec.headers);
        sheet.setFrozenRows(1);
        for (const [column, format] of Object.entries(spec.formats ?? {})) {
          const letters = columnLetters(Number(column) + 1);
          sheet.getRange(`${letters}2:${letters}`).setNumberFormat(format);
        }
      }
      sheet.appendRow(row);
      return sheet.getLastRow();
    },
    column(tab, column) {
      const sheet = existing(tab);
      const last = sheet ? sheet.getLastRow() : 0;
      if (!sheet || last < 2) return [];
      return sheet
        .getRange(2, column + 1, last - 1, 1)
        .getValues()
        .map((row) => row[0]);
    },
    deleteRows(tab, firstRow, count) {
      existing(tab)?.deleteRows(firstRow, count);
    },
    contains(tab, column, text) {
      const sheet = existing(tab);
      if (!sheet) return false;
      const letters = columnLetters(column + 1);
      const finder = sheet.getRange(`${letters}2:${letters}`).createTextFinder(text);
      return finder.matchEntireCell(true).matchCase(true).useRegularExpression(false).findNext() !== null;
    },
  };
}

export function setupSheet(spreadsheet: Spreadsheet): SetupSheet {
  return {
    spreadsheetId: spreadsheet.getId(),
    tabs: () =>
      spreadsheet.getSheets().map((sheet) => {
        const width = sheet.getLastColumn();
        return {
          name: sheet.getName(),
          headers: width > 0 ? sheet.getRange(1, 1, 1, width).getDisplayValues()[0] : [],
        };
      }),
    createTab(name, headers) {
      const sheet = spreadsheet.insertSheet(name);
      sheet.getRange(1, 1, 1, headers.length).setValues([headers]);
      sheet.setFrozenRows(1);
    },
    settingsRows() {
      const sheet = spreadsheet.getSheetByName(SETTINGS_TAB);
      if (!sheet) return null;
      return sheet.getLastRow() > 0 ? sheet.getDataRange().getDisplayValues() : [];
    },
    addSettingsRows(header, rows) {
      let sheet = spreadsheet.getSheetByName(SETTINGS_TAB);
      if (!sheet) {
        sheet = spreadsheet.insertSheet(SETTINGS_TAB);
        sheet.getRange(1, 1, 1, header.length).setValues([header]);
        sheet.setFrozenRows(1);
      }
      // Values stay text as typed: "(empty)", "off" and numbers alike.
      const text = rows.map((row) => row.map(asText));
      sheet.getRange(Math.max(sheet.getLastRow(), 1) + 1, 1, rows.length, header.length).setValues(text);
    },
  };
}
