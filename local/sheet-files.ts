/**
 * Contacts files for the local runtime: a CSV export (one tab, cells as the sheet showed them) or
 * an .xlsx download (every tab, with its number formats and hidden columns).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { CellValue } from './gas/display';
import { SheetData } from './gas/spreadsheet';

/** A CSV next to the contacts file, named <name>.settings.csv, becomes the Settings tab. */
export function settingsFileFor(file: string): string {
  return file.replace(/\.csv$/i, '.settings.csv');
}

function readCsv(file: string): CellValue[][] {
  // A CSV exported from Sheets holds display values, so every cell stays the text it was.
  return parse(readFileSync(file), { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
}

function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date)
    return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in value) return cellValue((value as ExcelJS.CellHyperlinkValue).text);
  if ('error' in value) return String(value.error);
  return String(value);
}

async function readXlsx(file: string): Promise<SheetData[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((worksheet) => {
    const rows: CellValue[][] = [];
    const formats = new Map<string, string>();
    const width = worksheet.columnCount;
    for (let r = 1; r <= worksheet.rowCount; r++) {
      const row = worksheet.getRow(r);
      const cells: CellValue[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        cells.push(cellValue(cell.value));
        if (cell.numFmt && cell.numFmt !== 'General') formats.set(`${r},${c}`, cell.numFmt);
      }
      rows.push(cells);
    }
    const hiddenColumns: number[] = [];
    for (let c = 1; c <= width; c++) if (worksheet.getColumn(c).hidden) hiddenColumns.push(c);
    return { name: worksheet.name, rows, formats, hiddenColumns };
  });
}

/** The tabs of a contacts file; throws with a one-line reason when it cannot be read. */
export async function loadSheetFile(file: string): Promise<SheetData[]> {
  try {
    return await readSheetFile(file);
  } catch (err) {
    const error = err as NodeJS.ErrnoException;
    const reason =
      error.code === 'ENOENT'
        ? 'no such file'
        : error.code === 'EACCES'
          ? 'permission denied'
          : error.message.split('\n')[0];
    throw new Error(`cannot read the sheet ${file}: ${reason}`);
  }
}

async function readSheetFile(file: string): Promise<SheetData[]> {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.xlsx') return readXlsx(file);
  if (extension !== '.csv') throw new Error('expected a .csv or .xlsx file');
  const sheets: SheetData[] = [{ name: 'Contacts', rows: readCsv(file) }];
  const settings = settingsFileFor(file);
  if (existsSync(settings)) sheets.push({ name: 'Settings', rows: readCsv(settings) });
  return sheets;
}
