/**
 * A1 notation as Sheets reads it: "B2", "A1:C9", open-ended "C:C", "1:1", "A2:C", and an optional
 * tab prefix ('It''s'!A1 or Contacts!A1).
 */

export interface A1Range {
  sheet?: string;
  row: number;
  column: number;
  /** Undefined where the notation leaves the end open (to the sheet's last row or column). */
  lastRow?: number;
  lastColumn?: number;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const CELL = /^([A-Za-z]*)(\d*)$/;

export function parseA1(notation: string): A1Range {
  let rest = notation.trim();
  let sheet: string | undefined;
  const bang = rest.lastIndexOf('!');
  if (bang >= 0) {
    sheet = rest.slice(0, bang);
    rest = rest.slice(bang + 1);
    if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2)
      sheet = sheet.slice(1, -1).replace(/''/g, "'");
  }
  const [startText, endText = startText] = rest.split(':');
  const start = CELL.exec(startText);
  const end = CELL.exec(endText);
  if (!start || !end || (!start[1] && !start[2]) || (!end[1] && !end[2]) || rest.split(':').length > 2) {
    throw new Error(`Range not found: ${notation}`);
  }
  const row = start[2] ? Number(start[2]) : 1;
  const column = start[1] ? columnNumber(start[1]) : 1;
  const lastRow = end[2] ? Number(end[2]) : undefined;
  const lastColumn = end[1] ? columnNumber(end[1]) : undefined;
  if (row < 1 || (lastRow !== undefined && lastRow < row) || (lastColumn !== undefined && lastColumn < column)) {
    throw new Error(`Range not found: ${notation}`);
  }
  return { sheet, row, column, lastRow, lastColumn };
}
