/**
 * The Sheets advanced service (the Sheets API v4, as Apps Script exposes it under `Sheets`), for the
 * two requests the app makes, following Google's reference:
 * - spreadsheets.get (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/get):
 *   with `ranges`, only the sheets those ranges intersect, and grid data for those ranges only; with
 *   `fields`, only the fields the mask lists (https://developers.google.com/sheets/api/guides/field-masks);
 *   `formattedValue` is "the value of the cell formatted using the cell's format", the display value.
 * - spreadsheets.values.batchGet
 *   (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchGet):
 *   one ValueRange per range, FORMATTED_VALUE by default; "empty trailing rows and columns are omitted".
 * Each request is one Sheets call, as each is one round trip to Google; cells returned are counted.
 */
import { columnLetters, parseA1 } from './a1';
import { dateSerial, isDate } from './display';
import { Meter } from './meter';
import { FakeSheet, FakeSpreadsheet, Formula } from './spreadsheet';

type Json = unknown;
type Mask = Map<string, Mask | true>;

/** Parses a field mask such as "sheets(properties.title,data(rowData.values.formattedValue))". */
export function parseFieldMask(text: string): Mask {
  let at = 0;
  const parseList = (): Mask => {
    const mask: Mask = new Map();
    for (;;) {
      const path: string[] = [];
      let name = '';
      while (at < text.length && !',()'.includes(text[at])) {
        if (text[at] === '.') {
          path.push(name.trim());
          name = '';
        } else name += text[at];
        at++;
      }
      path.push(name.trim());
      let leaf: Mask | true = true;
      if (text[at] === '(') {
        at++;
        leaf = parseList();
        if (text[at] !== ')') throw new Error(`Invalid field selection ${text}`);
        at++;
      }
      let node = mask;
      path.forEach((segment, i) => {
        const camel = segment.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
        if (!camel) throw new Error(`Invalid field selection ${text}`);
        if (i === path.length - 1) {
          const existing = node.get(camel);
          node.set(camel, existing instanceof Map && leaf instanceof Map ? new Map([...existing, ...leaf]) : leaf);
        } else {
          const next = node.get(camel);
          if (next === true) return;
          const child: Mask = next instanceof Map ? next : new Map();
          node.set(camel, child);
          node = child;
        }
      });
      if (text[at] === ',') {
        at++;
        continue;
      }
      return mask;
    }
  };
  const mask = parseList();
  if (at !== text.length) throw new Error(`Invalid field selection ${text}`);
  return mask;
}

function applyMask(value: Json, mask: Mask | true): Json {
  if (mask === true || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => applyMask(item, mask));
  const out: Record<string, Json> = {};
  for (const [key, sub] of mask) {
    const field = (value as Record<string, Json>)[key];
    if (field !== undefined) out[key] = applyMask(field, sub);
  }
  return out;
}

function notFound(method: string): Error {
  return new Error(
    `GoogleJsonResponseException: API call to sheets.${method} failed with error: Requested entity was not found.`,
  );
}

interface GridRange {
  sheet: FakeSheet;
  row: number;
  column: number;
  lastRow: number;
  lastColumn: number;
}

function resolveRange(book: FakeSpreadsheet, notation: string, method: string): GridRange {
  let a1;
  try {
    a1 = parseA1(notation);
  } catch {
    throw new Error(
      `GoogleJsonResponseException: API call to sheets.${method} failed with error: Unable to parse range: ${notation}`,
    );
  }
  const sheet = a1.sheet === undefined ? book.sheets[0] : book.sheets.find((s) => s.getName() === a1.sheet);
  if (!sheet) {
    throw new Error(
      `GoogleJsonResponseException: API call to sheets.${method} failed with error: Unable to parse range: ${notation}`,
    );
  }
  return {
    sheet,
    row: a1.row,
    column: a1.column,
    lastRow: Math.min(a1.lastRow ?? sheet.maxRows, sheet.maxRows),
    lastColumn: Math.min(a1.lastColumn ?? sheet.maxColumns, sheet.maxColumns),
  };
}

/** Values of a range as the API gives them: trailing empty cells and rows left out. */
function rangeValues(range: GridRange, cell: (row: number, column: number) => Json): Json[][] {
  const rows: Json[][] = [];
  const lastRow = Math.min(range.lastRow, range.sheet.rows.length);
  for (let r = range.row; r <= lastRow; r++) {
    const cells = range.sheet.rows[r - 1] ?? [];
    let width = Math.min(range.lastColumn, cells.length) - range.column + 1;
    while (width > 0 && cells[range.column + width - 2] === '') width--;
    rows.push(Array.from({ length: Math.max(0, width) }, (_, i) => cell(r, range.column + i)));
  }
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

function a1Of(range: GridRange): string {
  const name = range.sheet.getName().replace(/'/g, "''");
  return `'${name}'!${columnLetters(range.column)}${range.row}:${columnLetters(range.lastColumn)}${range.lastRow}`;
}

export function fakeSheetsService(book: FakeSpreadsheet, meter: Meter) {
  const request = (method: string, spreadsheetId: string) => {
    meter.check('sheetsApi', method);
    meter.add('sheetCalls');
    meter.add('sheetsApiCalls');
    if (spreadsheetId !== book.getId()) throw notFound(method);
  };

  function get(
    spreadsheetId: string,
    optionalArgs: { ranges?: string[]; fields?: string; includeGridData?: boolean } = {},
  ) {
    request('spreadsheets.get', spreadsheetId);
    const mask = optionalArgs.fields ? parseFieldMask(optionalArgs.fields) : undefined;
    const withData = mask ? /\bdata\b/.test(optionalArgs.fields ?? '') : optionalArgs.includeGridData === true;
    const ranges = (optionalArgs.ranges ?? []).map((notation) => resolveRange(book, notation, 'spreadsheets.get'));
    const sheets = book.sheets
      .filter((sheet) => ranges.length === 0 || ranges.some((range) => range.sheet === sheet))
      .map((sheet) => {
        const index = book.sheets.indexOf(sheet);
        const properties = {
          sheetId: sheet.sheetId,
          title: sheet.getName(),
          index,
          sheetType: 'GRID',
          gridProperties: { rowCount: sheet.maxRows, columnCount: sheet.maxColumns, frozenRowCount: sheet.frozenRows },
        };
        if (!withData) return { properties };
        const own = ranges.length
          ? ranges.filter((range) => range.sheet === sheet)
          : [{ sheet, row: 1, column: 1, lastRow: sheet.maxRows, lastColumn: sheet.maxColumns }];
        const data = own.map((range) => {
          const rowData = rangeValues(range, (r, c) => {
            const shown = sheet.display(r, c);
            return shown === '' ? {} : { formattedValue: shown };
          }).map((values) => (values.length ? { values } : {}));
          const cells = rowData.reduce((n, row) => n + ((row as { values?: Json[] }).values?.length ?? 0), 0);
          meter.add('cellsMoved', cells);
          meter.cells('sheetsApi', 'spreadsheets.get', cells);
          const columnMetadata = Array.from({ length: range.lastColumn - range.column + 1 }, (_, i) =>
            sheet.hidden.has(range.column + i) ? { pixelSize: 100, hiddenByUser: true } : { pixelSize: 100 },
          );
          return {
            ...(range.row > 1 ? { startRow: range.row - 1 } : {}),
            ...(range.column > 1 ? { startColumn: range.column - 1 } : {}),
            rowData,
            columnMetadata,
          };
        });
        return { properties, data };
      });
    const spreadsheet = {
      spreadsheetId: book.getId(),
      properties: { title: book.getName(), locale: 'en_US', timeZone: book.timeZone },
      sheets,
      spreadsheetUrl: book.getUrl(),
    };
    return mask ? applyMask(spreadsheet, mask) : spreadsheet;
  }

  function batchGet(
    spreadsheetId: string,
    optionalArgs: { ranges?: string[]; valueRenderOption?: string; majorDimension?: string } = {},
  ) {
    request('spreadsheets.values.batchGet', spreadsheetId);
    if ((optionalArgs.majorDimension ?? 'ROWS') !== 'ROWS')
      throw new Error('The fake serves majorDimension ROWS only.');
    const render = optionalArgs.valueRenderOption ?? 'FORMATTED_VALUE';
    const valueRanges = (optionalArgs.ranges ?? []).map((notation) => {
      const range = resolveRange(book, notation, 'spreadsheets.values.batchGet');
      const values = rangeValues(range, (r, c) => {
        if (render === 'FORMATTED_VALUE') return range.sheet.display(r, c);
        const value = range.sheet.value(r, c);
        if (value instanceof Formula) return render === 'FORMULA' ? value.text : '#ERROR!';
        // dateTimeRenderOption defaults to SERIAL_NUMBER: days since 1899-12-30.
        return isDate(value) ? dateSerial(value) : value;
      });
      const cells = values.reduce((n, row) => n + row.length, 0);
      meter.add('cellsMoved', cells);
      meter.cells('sheetsApi', 'spreadsheets.values.batchGet', cells);
      return { range: a1Of(range), majorDimension: 'ROWS', ...(values.length ? { values } : {}) };
    });
    return { spreadsheetId: book.getId(), valueRanges };
  }

  return { Spreadsheets: { get, Values: { batchGet } } };
}
