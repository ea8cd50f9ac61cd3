/**
 * An in-memory SpreadsheetApp: spreadsheets, sheets, ranges and TextFinder, following Google's
 * reference (https://developers.google.com/apps-script/reference/spreadsheet).
 *
 * What the meter counts as a Sheets call ("sheetCalls"): each call that makes Sheets do work or hand
 * back data: opening by ID, listing or finding tabs, reading values, searching, reading sizes, and
 * every write. Building a Range or TextFinder only describes a request and is not counted, as
 * Google's best-practices guide separates calls to other services (reads and writes) from
 * JavaScript work (https://developers.google.com/apps-script/guides/support/best-practices).
 *
 * Values written by a script are read the way Sheets reads typed input (Range.setValue: "If the
 * value begins with '=' it is interpreted as a formula"): a leading apostrophe keeps the rest as
 * text (and is not shown), "=…" is a formula, and text that looks like a number, or TRUE/FALSE,
 * becomes one. Dates, percentages and currencies typed as text are not parsed here.
 *
 * Grids are as big as Google makes them (a new tab: 1,000 rows × 26 columns) and a range outside
 * the grid throws, as getRange does on Google. A basic filter (Range.createFilter with hidden
 * values) hides rows from people, not from scripts: TextFinder searches the rows it hides, which is
 * what the app relies on and what Contact lookup > Measure… checks on Google.
 */
import { A1Range, columnLetters, parseA1 } from './a1';
import { CellValue, displayValue, isDate } from './display';
import { Meter } from './meter';
import { re2ToJs } from './re2';

export interface SheetData {
  name: string;
  /** Row-major cell values; '' is an empty cell. */
  rows: CellValue[][];
  /** Number formats by "row,column" (1-based), where a cell has one. */
  formats?: Map<string, string>;
  hiddenColumns?: number[];
}

/** A formula written by a script; the fake does not evaluate it, and shows an error as Sheets would for most. */
export class Formula {
  constructor(readonly text: string) {}
}

type StoredValue = CellValue | Formula;

const DEFAULT_ROWS = 1000;
const DEFAULT_COLUMNS = 26;
/** Cells in a spreadsheet, every tab's grid counted (https://support.google.com/drive/answer/37603). */
export const MAX_CELLS = 10_000_000;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** How Sheets stores a value a script writes (see the header). */
export function userEntered(value: unknown): StoredValue {
  if (typeof value !== 'string') {
    if (typeof value === 'number' || typeof value === 'boolean' || isDate(value)) return value as CellValue;
    return value === null || value === undefined ? '' : String(value);
  }
  if (value.startsWith("'")) return value.slice(1);
  if (value.startsWith('=')) return new Formula(value);
  const trimmed = value.trim();
  if (NUMBER.test(trimmed)) return Number(trimmed);
  if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  // "+1 555" or "-x" is parsed as a formula, and fails.
  if (/^[+-]/.test(trimmed) && trimmed.length > 1) return new Formula(value);
  return value;
}

/** What one tab holds: the part of a sheet that writes change, copied for an execution's pending writes. */
export class SheetState {
  constructor(
    public rows: StoredValue[][],
    public formats: Map<string, string>,
    /** Number formats set on whole columns (setNumberFormat on an open-ended range). */
    public columnFormats: Map<number, string>,
    public hidden: Set<number>,
    public maxRows: number,
    public maxColumns: number,
    public frozenRows: number,
  ) {}

  clone(): SheetState {
    return new SheetState(
      this.rows.map((row) => [...row]),
      new Map(this.formats),
      new Map(this.columnFormats),
      new Set(this.hidden),
      this.maxRows,
      this.maxColumns,
      this.frozenRows,
    );
  }

  cells(): number {
    return this.maxRows * this.maxColumns;
  }
}

/** A write waiting for flush(): replayed on the committed state, and on the drafts of other executions. */
type SheetWrite = (state: SheetState) => void;

/**
 * A sheet (tab). Its state is what every execution sees, except while an execution has writes
 * pending. Google's reference says spreadsheet operations "are sometimes bundled together" and that
 * SpreadsheetApp.flush() "applies all pending Spreadsheet changes"
 * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush). The fake
 * takes the unkind case: every write waits until flush() or the end of the execution; that execution
 * reads its own writes while every other execution still reads the sheet without them.
 */
export class FakeSheet {
  committed: SheetState;
  /** Each execution's view while it has pending writes, and those writes in order. */
  private readonly drafts = new Map<number, { state: SheetState; writes: SheetWrite[] }>();
  /** The tab's basic filter; a tab has one at most. */
  filter: FakeFilter | null = null;

  constructor(
    readonly book: FakeSpreadsheet,
    private name: string,
    data?: SheetData,
    readonly sheetId = 0,
  ) {
    const rows = data ? data.rows.map((row) => [...row]) : [];
    const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
    this.committed = new SheetState(
      rows,
      data?.formats ?? new Map(),
      new Map(),
      new Set(data?.hiddenColumns ?? []),
      Math.max(DEFAULT_ROWS, rows.length),
      Math.max(DEFAULT_COLUMNS, width),
      0,
    );
  }

  /** The state the running execution sees. */
  get state(): SheetState {
    return this.drafts.get(this.book.meter.current())?.state ?? this.committed;
  }
  get rows(): StoredValue[][] {
    return this.state.rows;
  }
  set rows(rows: StoredValue[][]) {
    this.direct((s) => (s.rows = rows));
  }
  get formats(): Map<string, string> {
    return this.state.formats;
  }
  set formats(formats: Map<string, string>) {
    this.direct((s) => (s.formats = formats));
  }
  get columnFormats(): Map<number, string> {
    return this.state.columnFormats;
  }
  get hidden(): Set<number> {
    return this.state.hidden;
  }
  set hidden(hidden: Set<number>) {
    this.direct((s) => (s.hidden = hidden));
  }
  get maxRows(): number {
    return this.state.maxRows;
  }
  set maxRows(rows: number) {
    this.direct((s) => (s.maxRows = rows));
  }
  get maxColumns(): number {
    return this.state.maxColumns;
  }
  get frozenRows(): number {
    return this.state.frozenRows;
  }

  /** A change by staff or a test, outside any script's batch: seen by everyone at once. */
  private direct(write: SheetWrite): void {
    write(this.committed);
    this.rebase();
  }

  /** Other executions' drafts start again from the committed state, their own writes replayed on it. */
  private rebase(): void {
    for (const draft of this.drafts.values()) {
      draft.state = this.committed.clone();
      draft.writes.forEach((write) => write(draft.state));
    }
  }

  /**
   * A script's write: checked against the running execution's view (so it throws as Google would),
   * then kept pending for that execution. Outside an execution (the local server's own setup) it applies at once.
   */
  private write(apply: SheetWrite): void {
    const execution = this.book.meter.current();
    let draft = this.drafts.get(execution);
    const state = (draft?.state ?? this.committed).clone();
    apply(state);
    this.book.checkCells(this, state);
    if (execution === 0) {
      this.committed = state;
      return this.rebase();
    }
    if (!draft) this.drafts.set(execution, (draft = { state, writes: [] }));
    else draft.state = state;
    draft.writes.push(apply);
  }

  /** Whether the execution has writes not yet flushed. */
  hasPending(execution: number): boolean {
    return this.drafts.has(execution);
  }

  /** Applies an execution's pending writes for everyone (flush, or the end of the execution). */
  commit(execution: number): void {
    const draft = this.drafts.get(execution);
    if (!draft) return;
    this.drafts.delete(execution);
    draft.writes.forEach((write) => write(this.committed));
    this.rebase();
  }

  private get meter(): Meter {
    return this.book.meter;
  }

  private call(method: string): void {
    this.meter.check('spreadsheet', method);
    this.meter.add('sheetCalls');
  }

  getName(): string {
    return this.name;
  }
  getSheetId(): number {
    return this.sheetId;
  }

  value(row: number, column: number): StoredValue {
    return this.rows[row - 1]?.[column - 1] ?? '';
  }
  formatOf(row: number, column: number): string | undefined {
    return this.formats.get(`${row},${column}`) ?? (row > 1 ? this.columnFormats.get(column) : undefined);
  }
  display(row: number, column: number): string {
    const value = this.value(row, column);
    if (value instanceof Formula) return '#ERROR!';
    return displayValue(value, this.formatOf(row, column));
  }
  /** Staff (or a test) type a value; it is stored as typed input is (see userEntered), and the grid grows to hold it. */
  setCell(row: number, column: number, value: StoredValue): void {
    this.direct((s) => {
      s.maxRows = Math.max(s.maxRows, row);
      s.maxColumns = Math.max(s.maxColumns, column);
      putCell(s, row, column, value);
    });
  }
  /** Cells holding a formula a script wrote: [row, column, formula]. */
  formulas(): [number, number, string][] {
    const found: [number, number, string][] = [];
    this.rows.forEach((cells, r) =>
      cells.forEach((value, c) => value instanceof Formula && found.push([r + 1, c + 1, value.text])),
    );
    return found;
  }

  /** Last row and column with content, ignoring trailing empty cells, as getLastRow/getLastColumn do. */
  lastRow(): number {
    return lastRowOf(this.state);
  }
  lastColumn(): number {
    let last = 0;
    for (const row of this.rows) {
      for (let c = row.length; c > last; c--) {
        if (row[c - 1] !== '') {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  getRange(rowOrA1: number | string, column?: number, numRows = 1, numColumns = 1): FakeRange {
    if (typeof rowOrA1 === 'string') return this.rangeFromA1(parseA1(rowOrA1));
    const valid = [rowOrA1, column ?? 0, numRows, numColumns].every((n) => Number.isInteger(n) && n >= 1);
    if (!valid) throw new Error(OUTSIDE);
    return this.bounded(rowOrA1, column as number, numRows, numColumns);
  }
  rangeFromA1(a1: A1Range): FakeRange {
    const lastRow = a1.lastRow ?? this.maxRows;
    const lastColumn = a1.lastColumn ?? this.maxColumns;
    return this.bounded(a1.row, a1.column, lastRow - a1.row + 1, lastColumn - a1.column + 1);
  }
  private bounded(row: number, column: number, numRows: number, numColumns: number): FakeRange {
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) throw new Error(OUTSIDE);
    return new FakeRange(this, row, column, numRows, numColumns);
  }
  getDataRange(): FakeRange {
    this.call('getDataRange');
    return new FakeRange(this, 1, 1, Math.max(1, this.lastRow()), Math.max(1, this.lastColumn()));
  }
  getLastRow(): number {
    this.call('getLastRow');
    return this.lastRow();
  }
  getLastColumn(): number {
    this.call('getLastColumn');
    return this.lastColumn();
  }
  getMaxRows(): number {
    this.call('getMaxRows');
    return this.maxRows;
  }
  getMaxColumns(): number {
    this.call('getMaxColumns');
    return this.maxColumns;
  }
  isRowHiddenByFilter(row: number): boolean {
    this.call('isRowHiddenByFilter');
    return this.filter?.hides(row) ?? false;
  }
  isColumnHiddenByUser(column: number): boolean {
    this.call('isColumnHiddenByUser');
    return this.hidden.has(column);
  }
  hideColumns(column: number, count = 1): void {
    this.call('hideColumns');
    this.write((s) => {
      for (let c = column; c < column + count; c++) s.hidden.add(c);
    });
  }
  /** Writes the values into one row below the last row with content, adding a row to the grid when it is full. */
  appendRow(values: unknown[]): FakeSheet {
    this.call('appendRow');
    this.meter.cells('spreadsheet', 'appendRow', values.length);
    const stored = values.map(scriptValue);
    this.write((s) => {
      const row = lastRowOf(s) + 1;
      s.maxRows = Math.max(s.maxRows, row);
      s.maxColumns = Math.max(s.maxColumns, stored.length);
      stored.forEach((value, i) => putCell(s, row, i + 1, value));
    });
    return this;
  }
  insertRowBefore(row: number): FakeSheet {
    return this.insertRows('insertRowBefore', row, 1);
  }
  insertRowsBefore(row: number, count: number): FakeSheet {
    return this.insertRows('insertRowsBefore', row, count);
  }
  insertRowAfter(row: number): FakeSheet {
    return this.insertRows('insertRowAfter', row + 1, 1);
  }
  insertRowsAfter(row: number, count: number): FakeSheet {
    return this.insertRows('insertRowsAfter', row + 1, count);
  }
  private insertRows(method: string, before: number, count: number): FakeSheet {
    this.call(method);
    if (!Number.isInteger(count) || count < 1 || before < 1 || before > this.maxRows + 1) throw new Error(OUTSIDE);
    this.write((s) => {
      if (s.rows.length >= before) s.rows.splice(before - 1, 0, ...Array.from({ length: count }, () => []));
      s.maxRows += count;
    });
    return this;
  }
  deleteRows(row: number, count: number): void {
    this.call('deleteRows');
    if (row < 1 || count < 1 || row + count - 1 > this.maxRows) throw new Error('Those rows are out of bounds.');
    // Google keeps at least one row that is not frozen.
    if (this.maxRows - count <= this.frozenRows)
      throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    this.write((s) => {
      s.rows.splice(row - 1, count);
      s.maxRows -= count;
    });
  }
  deleteColumns(column: number, count: number): void {
    this.call('deleteColumns');
    if (column < 1 || count < 1 || column + count - 1 > this.maxColumns)
      throw new Error('Those columns are out of bounds.');
    if (count >= this.maxColumns) throw new Error("You can't delete all the columns on the sheet.");
    this.write((s) => {
      for (const row of s.rows) row.splice(column - 1, count);
      s.maxColumns -= count;
    });
  }
  setFrozenRows(rows: number): void {
    this.call('setFrozenRows');
    this.write((s) => (s.frozenRows = rows));
  }
  createTextFinder(text: string): FakeTextFinder {
    return new FakeTextFinder(this.rangeFromA1({ row: 1, column: 1 }), text);
  }
  /** For FakeRange: a script's write of values, formats. */
  scriptWrite(apply: SheetWrite): void {
    this.write(apply);
  }
}

const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';
/** A cell holds at most 50,000 characters (https://support.google.com/drive/answer/37603). */
export const CELL_CHARACTERS = 50_000;

function lastRowOf(state: SheetState): number {
  for (let r = state.rows.length; r > 0; r--) if (state.rows[r - 1].some((v) => v !== '')) return r;
  return 0;
}

function putCell(state: SheetState, row: number, column: number, value: StoredValue): void {
  while (state.rows.length < row) state.rows.push([]);
  const cells = state.rows[row - 1];
  while (cells.length < column) cells.push('');
  cells[column - 1] = value;
}

/** A value a script writes: longer text than a cell holds throws, the apostrophe that keeps text as text counted. */
function scriptValue(value: unknown): StoredValue {
  if (typeof value === 'string' && value.length > CELL_CHARACTERS) {
    throw new Error(`Your input contains more than the maximum of ${CELL_CHARACTERS} characters in a single cell.`);
  }
  return userEntered(value);
}

export class FakeRange {
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {}

  private read<T>(method: string, cell: (row: number, column: number) => T): T[][] {
    const meter = this.sheet.book.meter;
    meter.check('spreadsheet', method);
    meter.add('sheetCalls');
    meter.add('cellsMoved', this.numRows * this.numColumns);
    meter.cells('spreadsheet', method, this.numRows * this.numColumns);
    const out: T[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const row: T[] = [];
      for (let c = 0; c < this.numColumns; c++) row.push(cell(this.row + r, this.column + c));
      out.push(row);
    }
    return out;
  }

  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.column;
  }
  getLastRow(): number {
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    return this.column + this.numColumns - 1;
  }
  getSheet(): FakeSheet {
    return this.sheet;
  }
  getA1Notation(): string {
    const start = `${columnLetters(this.column)}${this.row}`;
    return this.numRows === 1 && this.numColumns === 1
      ? start
      : `${start}:${columnLetters(this.getLastColumn())}${this.getLastRow()}`;
  }
  /** Numbers, booleans, Dates and strings; '' for empty cells. */
  getValues(): CellValue[][] {
    return this.read('getValues', (r, c) => {
      const value = this.sheet.value(r, c);
      return value instanceof Formula ? '#ERROR!' : value;
    });
  }
  /** Always strings, formatted as the sheet shows them. */
  getDisplayValues(): string[][] {
    return this.read('getDisplayValues', (r, c) => this.sheet.display(r, c));
  }
  setValues(values: unknown[][]): FakeRange {
    const meter = this.sheet.book.meter;
    meter.check('spreadsheet', 'setValues');
    meter.add('sheetCalls');
    meter.cells('spreadsheet', 'setValues', this.numRows * this.numColumns);
    if (values.length !== this.numRows || values.some((row) => row.length !== this.numColumns)) {
      throw new Error(
        `The number of rows or columns in the data does not match the range (${this.numRows} by ${this.numColumns}).`,
      );
    }
    const stored = values.map((row) => row.map(scriptValue));
    this.sheet.scriptWrite((s) =>
      stored.forEach((row, r) => row.forEach((value, c) => putCell(s, this.row + r, this.column + c, value))),
    );
    return this;
  }
  setValue(value: unknown): FakeRange {
    return this.setValues([[value]]);
  }
  setNumberFormat(format: string): FakeRange {
    const meter = this.sheet.book.meter;
    meter.check('spreadsheet', 'setNumberFormat');
    meter.add('sheetCalls');
    const openEnded = this.getLastRow() === this.sheet.maxRows;
    this.sheet.scriptWrite((s) => {
      for (let c = this.column; c <= this.getLastColumn(); c++) {
        if (openEnded) s.columnFormats.set(c, format);
        for (let r = this.row; r <= Math.min(this.getLastRow(), s.rows.length); r++) s.formats.set(`${r},${c}`, format);
      }
    });
    return this;
  }
  createTextFinder(text: string): FakeTextFinder {
    return new FakeTextFinder(this, text);
  }
  /** A basic filter over this range; its first row is the header row, which a filter never hides. */
  createFilter(): FakeFilter {
    const meter = this.sheet.book.meter;
    meter.check('spreadsheet', 'createFilter');
    meter.add('sheetCalls');
    if (this.sheet.filter) throw new Error("You can't create a filter in a sheet that already has a filter.");
    this.sheet.filter = new FakeFilter(this);
    return this.sheet.filter;
  }
}

/** FilterCriteria as SpreadsheetApp.newFilterCriteria() builds them; only hidden values are modelled. */
export interface FakeFilterCriteria {
  hiddenValues: string[];
}

export function newFilterCriteria() {
  const criteria: FakeFilterCriteria = { hiddenValues: [] };
  const builder = {
    setHiddenValues(values: string[]) {
      criteria.hiddenValues = [...values];
      return builder;
    },
    build: (): FakeFilterCriteria => ({ hiddenValues: [...criteria.hiddenValues] }),
  };
  return builder;
}

/**
 * A tab's basic filter (https://developers.google.com/apps-script/reference/spreadsheet/filter): a
 * row below the filter's header row is hidden when a column's criteria list its displayed value
 * among the hidden values.
 */
export class FakeFilter {
  private readonly criteria = new Map<number, FakeFilterCriteria>();

  constructor(readonly range: FakeRange) {}

  getRange(): FakeRange {
    return this.range;
  }

  setColumnFilterCriteria(columnPosition: number, criteria: FakeFilterCriteria | null): FakeFilter {
    const meter = this.range.sheet.book.meter;
    meter.check('spreadsheet', 'setColumnFilterCriteria');
    meter.add('sheetCalls');
    if (columnPosition < this.range.column || columnPosition > this.range.getLastColumn()) {
      throw new Error('The column position is outside the range of the filter.');
    }
    if (criteria) this.criteria.set(columnPosition, criteria);
    else this.criteria.delete(columnPosition);
    return this;
  }

  hides(row: number): boolean {
    if (row <= this.range.row || row > this.range.getLastRow()) return false;
    const sheet = this.range.sheet;
    return [...this.criteria].some(([column, { hiddenValues }]) => hiddenValues.includes(sheet.display(row, column)));
  }
}

function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * TextFinder with Google's defaults (https://developers.google.com/apps-script/reference/spreadsheet/text-finder):
 * case-insensitive, partial-cell match, plain text unless useRegularExpression(true) (then RE2
 * syntax, see re2.ts), matched against display values, diacritics significant. matchEntireCell
 * makes the text, or the regular expression, match a cell's whole content. Search order is by
 * rows, left to right; empty cells are never found.
 */
export class FakeTextFinder {
  private options = { matchCase: false, entireCell: false, regex: false, formulaText: false, ignoreDiacritics: false };
  private cursor = 0;

  constructor(
    private readonly range: FakeRange,
    private readonly text: string,
  ) {
    if (text === '') throw new Error('Search text cannot be empty.');
  }

  matchCase(v: boolean): FakeTextFinder {
    this.options.matchCase = v;
    return this;
  }
  matchEntireCell(v: boolean): FakeTextFinder {
    this.options.entireCell = v;
    return this;
  }
  useRegularExpression(v: boolean): FakeTextFinder {
    this.options.regex = v;
    return this;
  }
  matchFormulaText(v: boolean): FakeTextFinder {
    this.options.formulaText = v;
    return this;
  }
  ignoreDiacritics(v: boolean): FakeTextFinder {
    this.options.ignoreDiacritics = v;
    return this;
  }

  private matcher(): (cell: string) => boolean {
    const fold = (s: string) => {
      const t = this.options.ignoreDiacritics ? stripDiacritics(s) : s;
      return this.options.matchCase ? t : t.toLowerCase();
    };
    if (this.options.regex) {
      const source = re2ToJs(this.text);
      const pattern = new RegExp(
        this.options.entireCell ? `^(?:${source})$` : source,
        this.options.matchCase ? 'u' : 'iu',
      );
      return (cell) => pattern.test(this.options.ignoreDiacritics ? stripDiacritics(cell) : cell);
    }
    const needle = fold(this.text);
    return this.options.entireCell ? (cell) => fold(cell) === needle : (cell) => fold(cell).includes(needle);
  }

  private matches(): FakeRange[] {
    const { sheet, row, column, numRows, numColumns } = this.range;
    const test = this.matcher();
    const found: FakeRange[] = [];
    const lastRow = Math.min(row + numRows - 1, sheet.rows.length);
    for (let r = row; r <= lastRow; r++) {
      const cells = sheet.rows[r - 1];
      const lastColumn = Math.min(column + numColumns - 1, cells.length);
      for (let c = column; c <= lastColumn; c++) {
        if (cells[c - 1] === '') continue;
        if (test(sheet.display(r, c))) found.push(new FakeRange(sheet, r, c, 1, 1));
      }
    }
    return found;
  }

  /** Google scans every cell of the range down to the sheet's last row with content. */
  private cellsScanned(): number {
    const { sheet, row, numRows, numColumns } = this.range;
    return Math.max(0, Math.min(row + numRows - 1, sheet.rows.length) - row + 1) * numColumns;
  }

  private metered(method: string): FakeRange[] {
    const meter = this.range.sheet.book.meter;
    meter.check('spreadsheet', method);
    meter.add('sheetCalls');
    meter.cells('spreadsheet', method, this.cellsScanned());
    return this.matches();
  }

  findAll(): FakeRange[] {
    const found = this.metered('findAll');
    this.range.sheet.book.meter.add('cellsMoved', found.length);
    return found;
  }

  findNext(): FakeRange | null {
    const found = this.metered('findNext');
    const next = found[this.cursor] ?? null;
    if (next) {
      this.cursor++;
      this.range.sheet.book.meter.add('cellsMoved', 1);
    }
    return next;
  }
}

export class FakeSpreadsheet {
  sheets: FakeSheet[] = [];
  /** File > Settings > Time zone; a new spreadsheet takes its owner's, UTC here. */
  timeZone = 'Etc/UTC';
  private nextSheetId = 1;
  /** The tab the person running a menu item looks at: the first one until a script or a person changes it. */
  private active: FakeSheet | undefined;

  constructor(
    readonly meter: Meter,
    readonly id: string,
    private readonly name: string,
    data: SheetData[] = [],
  ) {
    for (const sheet of data) this.sheets.push(new FakeSheet(this, sheet.name, sheet, this.nextSheetId++));
    if (this.sheets.length === 0) this.sheets.push(new FakeSheet(this, 'Sheet1', undefined, 0));
  }

  private call(method: string): void {
    this.meter.check('spreadsheet', method);
    this.meter.add('sheetCalls');
  }

  getId(): string {
    return this.id;
  }
  getName(): string {
    return this.name;
  }
  getSpreadsheetTimeZone(): string {
    this.call('getSpreadsheetTimeZone');
    return this.timeZone;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
  getSheets(): FakeSheet[] {
    this.call('getSheets');
    return [...this.sheets];
  }
  getSheetByName(name: string): FakeSheet | null {
    this.call('getSheetByName');
    return this.sheets.find((s) => s.getName() === name) ?? null;
  }
  /** The sheet a test or the local server edits, without counting. */
  sheet(name: string): FakeSheet {
    const sheet = this.sheets.find((s) => s.getName() === name);
    if (!sheet) throw new Error(`no tab ${name}`);
    return sheet;
  }
  getActiveSheet(): FakeSheet {
    this.call('getActiveSheet');
    return this.active && this.sheets.includes(this.active) ? this.active : this.sheets[0];
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.call('setActiveSheet');
    this.active = sheet;
    return sheet;
  }
  getNumSheets(): number {
    this.call('getNumSheets');
    return this.sheets.length;
  }
  /**
   * A new tab, 1,000 rows by 26 columns as Google makes them: insertSheet(), insertSheet(name)
   * (placed last here) or insertSheet(name, index) (0-based); "the new sheet becomes the active sheet".
   */
  insertSheet(name?: string, index?: number): FakeSheet {
    this.call('insertSheet');
    const sheetName = name ?? `Sheet${this.sheets.length + 1}`;
    if (this.sheets.some((s) => s.getName() === sheetName)) {
      throw new Error(`A sheet with the name "${sheetName}" already exists. Please enter another name.`);
    }
    if (index !== undefined && !(Number.isInteger(index) && index >= 0 && index <= this.sheets.length)) {
      throw new Error(`Invalid argument: sheetIndex`);
    }
    const sheet = new FakeSheet(this, sheetName, undefined, this.nextSheetId++);
    this.checkCells(sheet, sheet.state);
    this.sheets.splice(index ?? this.sheets.length, 0, sheet);
    this.active = sheet;
    return sheet;
  }
  /** A tab added by staff (or the local server) with its data, without counting. */
  addSheet(data: SheetData): FakeSheet {
    const sheet = new FakeSheet(this, data.name, data, this.nextSheetId++);
    this.sheets.push(sheet);
    return sheet;
  }
  /** Cells of every tab's grid, as the running execution sees them. */
  cells(): number {
    return this.sheets.reduce((sum, sheet) => sum + sheet.state.cells(), 0);
  }

  /** Google refuses a change that would take the spreadsheet over 10,000,000 cells (https://support.google.com/drive/answer/37603). */
  checkCells(changed: FakeSheet, state: SheetState): void {
    const others = this.sheets.reduce((sum, sheet) => (sheet === changed ? sum : sum + sheet.state.cells()), 0);
    if (others + state.cells() > MAX_CELLS) {
      throw new Error(
        `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`,
      );
    }
  }

  /** Whether the execution has writes not yet flushed, in any tab. */
  hasPending(execution: number): boolean {
    return this.sheets.some((sheet) => sheet.hasPending(execution));
  }

  /** SpreadsheetApp.flush(), or the end of the execution: its pending writes apply for everyone. */
  commit(execution: number): void {
    for (const sheet of this.sheets) sheet.commit(execution);
  }

  /** Deleting the active tab makes the one before it active (the first, if it was first). */
  deleteSheet(sheet: FakeSheet): void {
    this.call('deleteSheet');
    const index = this.sheets.indexOf(sheet);
    this.sheets = this.sheets.filter((s) => s !== sheet);
    if (this.active === sheet) this.active = this.sheets[Math.max(0, index - 1)];
  }
  /** "Sheet1!A1:B2"; without a tab name, the first (active) tab. */
  getRange(a1Notation: string): FakeRange {
    const a1 = parseA1(a1Notation);
    const sheet = a1.sheet === undefined ? this.sheets[0] : this.sheets.find((s) => s.getName() === a1.sheet);
    if (!sheet) throw new Error(`Range not found: ${a1Notation}`);
    return sheet.rangeFromA1(a1);
  }
}
