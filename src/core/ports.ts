/**
 * The narrow views of Google's services that the core uses. src/gas/ implements them with Apps
 * Script; unit tests implement them with plain objects.
 */
import { because } from './messages';

export interface CachePort {
  /** One CacheService call for several keys; missing keys are absent from the result. */
  getAll(keys: string[]): Record<string, string>;
  /** One CacheService call; every value gets the same lifetime. */
  putAll(values: Record<string, string>, seconds: number): void;
  removeAll(keys: string[]): void;
}

export interface PropertiesPort {
  /** One PropertiesService read for every property. */
  getAll(): Record<string, string>;
  /** One PropertiesService write for several properties; the others are kept. */
  setAll(values: Record<string, string>): void;
  remove(key: string): void;
}

export interface LockPort {
  /**
   * Runs `work` holding the script lock, waiting for it at most LOCK_WAIT_MS; runs it unlocked
   * (locked = false) when the lock could not be had in time.
   */
  withLock<T>(work: (locked: boolean) => T): T;
}

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  /** One line per request: outcome and match count, never an email. */
  info(message: string): void;
}

/** Runs `work` whose failure only costs speed or a convenience: logged as a warning, never thrown. */
export function bestEffort(log: Logger, warning: string, work: () => void): boolean {
  try {
    work();
    return true;
  } catch (err) {
    log.warn(because(warning, err));
    return false;
  }
}

/** The services every use case shares. */
export interface Platform {
  cache: CachePort;
  properties: PropertiesPort;
  lock: LockPort;
  log: Logger;
  now(): number;
  /** Uniform in [0, 1); uniqueness, not secrecy, is what it is used for. */
  random(): number;
}

/** A value written to a cell: text, a number, or a date and time. */
export type CellValue = string | number | Date;

/** How a tab the app writes itself looks when the app has to create it. */
export interface AppTabSpec {
  name: string;
  headers: string[];
  /** Number formats by 0-based column, e.g. a date and time format for the time column. */
  formats?: Record<number, string>;
}

/**
 * The tabs the app writes itself (Lookup log, Chats, Settings). Rows are added with appendRow, one
 * whole row per call, which adds a row to the grid when it is full; so an append never overwrites a
 * row another execution added at the same moment, with or without the script lock. Writes are
 * flushed before the script lock is released (the shell's lock does it).
 */
export interface AppTabs {
  /**
   * The tab's last row with content, after making sure it has its header row: a missing tab is
   * created (only with `create`) with only its own columns, and a tab left without its header row by
   * a failure right after creating it gets it back (only with `create`). Undefined when the tab is
   * missing or headerless and `create` is false: only the holder of the script lock creates or repairs.
   */
  prepare(tab: AppTabSpec, create: boolean): number | undefined;
  /** Appends one whole row in one call (Sheet.appendRow). */
  appendRow(tab: string, row: CellValue[]): void;
  /** Appends rows below the last row, adding grid rows first when needed; creates the tab when missing. */
  appendRows(tab: AppTabSpec, rows: CellValue[][]): void;
  /** The values of one column (0-based) of rows `firstRow` to `lastRow`: Dates stay Dates. */
  column(tab: string, column: number, firstRow: number, lastRow: number): unknown[];
  deleteRows(tab: string, firstRow: number, count: number): void;
  /** Whether a cell of the column (0-based), below the header, shows exactly this text. */
  contains(tab: string, column: number, text: string): boolean;
  /** The rows (1-based) whose cells in one of the columns (0-based) show exactly this text, any case. */
  rowsWith(tab: string, columns: number[], text: string): number[];
  /** Makes this execution's writes visible to every other execution (SpreadsheetApp.flush()). */
  flush(): void;
}
