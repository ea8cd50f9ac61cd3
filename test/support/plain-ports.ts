/** Plain-object ports for unit tests of the core; the fakes of local/gas are for the shell and the bundle. */
import { createHash } from 'node:crypto';
import { re2ToJs } from '../../local/gas/re2';
import { RowRef, RowSource } from '../../src/core/lookup/contact-search';
import {
  AppTabs,
  AppTabSpec,
  CachePort,
  CellValue,
  LockPort,
  Logger,
  Platform,
  PropertiesPort,
} from '../../src/core/ports';

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export class MapCache implements CachePort {
  map = new Map<string, string>();
  seconds = new Map<string, number>();
  reads = 0;
  writes = 0;
  getAll(keys: string[]) {
    this.reads++;
    return Object.fromEntries(keys.filter((k) => this.map.has(k)).map((k) => [k, this.map.get(k) as string]));
  }
  putAll(values: Record<string, string>, seconds: number) {
    this.writes++;
    for (const [key, value] of Object.entries(values)) {
      this.map.set(key, value);
      this.seconds.set(key, seconds);
    }
  }
  removeAll(keys: string[]) {
    this.writes++;
    keys.forEach((k) => this.map.delete(k));
  }
}

export class MapProperties implements PropertiesPort {
  map = new Map<string, string>();
  reads = 0;
  writes = 0;
  getAll() {
    this.reads++;
    return Object.fromEntries(this.map);
  }
  setAll(values: Record<string, string>) {
    this.writes++;
    for (const [key, value] of Object.entries(values)) this.map.set(key, value);
  }
  remove(key: string) {
    this.map.delete(key);
  }
}

/** The script lock: free unless a test takes it away (available = false) or it is already held. */
export class TestLock implements LockPort {
  available = true;
  held = false;
  withLock<T>(work: (locked: boolean) => T): T {
    const locked = this.available && !this.held;
    if (locked) this.held = true;
    try {
      return work(locked);
    } finally {
      if (locked) this.held = false;
    }
  }
}

export class ListLogger implements Logger {
  errors: string[] = [];
  warnings: string[] = [];
  infos: string[] = [];
  error(message: string) {
    this.errors.push(message);
  }
  warn(message: string) {
    this.warnings.push(message);
  }
  info(message: string) {
    this.infos.push(message);
  }
}

/** A platform of plain ports with a clock the test moves and a seeded random. */
export function plainPlatform(start = 1_000_000) {
  let time = start;
  let seed = 1;
  return {
    cache: new MapCache(),
    properties: new MapProperties(),
    lock: new TestLock(),
    log: new ListLogger(),
    now: () => time,
    random: () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    },
    advance(ms: number) {
      time += ms;
    },
  } satisfies Platform & { advance(ms: number): void };
}

/**
 * A spreadsheet in memory, as the core's ports see it: searchable rows (RowSource) and tabs the app
 * writes (AppTabs). Each tab's first row is its header; cells are shown as text.
 */
export class MemoryBook implements RowSource, AppTabs {
  tabs = new Map<string, CellValue[][]>();
  searches: string[] = [];
  reads = 0;
  /** Rows whose values were read, over every read. */
  rowsRead = 0;
  /** The tabs whose email columns were read, one entry per readColumns call. */
  columnReads: string[] = [];

  constructor(tabs: Record<string, CellValue[][]> = {}) {
    for (const [name, rows] of Object.entries(tabs)) this.tabs.set(name, rows);
  }
  private shown(value: CellValue | undefined): string {
    if (value === undefined) return '';
    return value instanceof Date ? value.toISOString().slice(0, 16).replace('T', ' ') : String(value).replace(/^'/, '');
  }
  findRows(tab: string, columns: number[], pattern: string) {
    this.searches.push(tab);
    const re = new RegExp(`^(?:${re2ToJs(pattern)})$`, 'iu');
    const rows = this.tabs.get(tab) ?? [];
    return rows.flatMap((cells, i) => (i > 0 && columns.some((c) => re.test(this.shown(cells[c]))) ? [i + 1] : []));
  }
  readRows(refs: RowRef[]) {
    this.reads++;
    this.rowsRead += refs.length;
    return refs.map(({ tab, row, width }) =>
      Array.from({ length: width }, (_, c) => this.shown((this.tabs.get(tab) ?? [])[row - 1]?.[c])),
    );
  }
  readColumns(tab: string, columns: number[]) {
    this.columnReads.push(tab);
    const rows = (this.tabs.get(tab) ?? []).slice(1);
    return columns.map((c) => rows.map((cells) => this.shown(cells[c])));
  }
  prepare(tab: AppTabSpec, create: boolean) {
    const rows = this.tabs.get(tab.name);
    if (rows && rows.length > 0) return rows.length;
    if (!create) return undefined;
    this.tabs.set(tab.name, [tab.headers]);
    return 1;
  }
  appendRow(tab: string, row: CellValue[]) {
    const rows = this.tabs.get(tab);
    if (!rows) throw new Error(`no tab ${tab}`);
    rows.push(row);
  }
  appendRows(tab: AppTabSpec, added: CellValue[][]) {
    this.prepare(tab, true);
    this.tabs.get(tab.name)?.push(...added);
  }
  /** Values as Sheets gives them back: text without the apostrophe that kept it text. */
  column(tab: string, column: number, firstRow: number, lastRow: number) {
    return (this.tabs.get(tab) ?? [])
      .slice(firstRow - 1, lastRow)
      .map((row) => (typeof row[column] === 'string' ? (row[column] as string).replace(/^'/, '') : row[column]));
  }
  deleteRows(tab: string, firstRow: number, count: number) {
    this.tabs.get(tab)?.splice(firstRow - 1, count);
  }
  contains(tab: string, column: number, text: string) {
    return (this.tabs.get(tab) ?? []).slice(1).some((row) => this.shown(row[column]) === text);
  }
  rowsWith(tab: string, columns: number[], text: string) {
    const wanted = text.toLowerCase();
    return (this.tabs.get(tab) ?? []).flatMap((row, i) =>
      i > 0 && columns.some((c) => this.shown(row[c]).toLowerCase() === wanted) ? [i + 1] : [],
    );
  }
  /** Writes are everyone's at once here; counted, so tests can see when the app flushes. */
  flushes = 0;
  flush() {
    this.flushes++;
  }
  /** The rows below the header. */
  rows(tab: string) {
    return (this.tabs.get(tab) ?? []).slice(1);
  }
}
