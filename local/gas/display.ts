/**
 * What getDisplayValues() shows for a cell: its value rendered with its number format, as a
 * string. Google: "Returns a two-dimensional array of displayed values ... Dates, currencies and
 * percentages are formatted according to the cell's format" (Range.getDisplayValues reference).
 */
import SSF from 'ssf';

export type CellValue = string | number | boolean | Date;

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** Sheets' own default for a date with no explicit format in an en-US spreadsheet. */
const DEFAULT_DATE_FORMAT = 'm/d/yyyy';

export function displayValue(value: CellValue | undefined | null, format?: string): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const numberFormat = format && format !== 'General' ? format : isDate(value) ? DEFAULT_DATE_FORMAT : undefined;
  if (!numberFormat) return String(value);
  try {
    return SSF.format(numberFormat, isDate(value) ? dateSerial(value) : value);
  } catch {
    return String(value);
  }
}

/** Days since 1899-12-30, the spreadsheet date serial, reading the Date's UTC fields as wall time. */
export function dateSerial(date: Date): number {
  return date.getTime() / 86_400_000 + 25_569;
}
