/**
 * Apps Script's services seen through the ports the core modules use. Nothing here decides
 * anything; each function is a thin translation, proven by the bundle tests on the fakes.
 */
import { CachePort, LockPort, Logger, PropertiesPort } from '../core/ports';
import { ContactSource } from '../core/contact-search';
import { StructureReader } from '../core/config';
import { Layout } from '../core/layout';
import { SETTINGS_TAB } from '../core/settings';

/** How long a lookup waits for the script lock before going on without it. */
const LOCK_WAIT_MS = 5000;

export const consoleLogger: Logger = {
  error: (message) => console.error(message),
  warn: (message) => console.warn(message),
  info: (message) => console.info(message),
};

export function scriptCache(): CachePort {
  const cache = CacheService.getScriptCache();
  return {
    getAll: (keys) => cache.getAll(keys),
    put: (key, value, seconds) => cache.put(key, value, seconds),
    removeAll: (keys) => cache.removeAll(keys),
  };
}

export function scriptProperties(): PropertiesPort {
  const properties = PropertiesService.getScriptProperties();
  return {
    getAll: () => properties.getProperties(),
    set: (key, value) => void properties.setProperty(key, value),
    remove: (key) => void properties.deleteProperty(key),
  };
}

export function scriptLock(): LockPort {
  return {
    withLock<T>(work: (locked: boolean) => T): T {
      const lock = LockService.getScriptLock();
      let locked = false;
      try {
        locked = lock.tryLock(LOCK_WAIT_MS);
      } catch (err) {
        console.warn(`LockService failed: ${String(err)}`);
      }
      try {
        return work(locked);
      } finally {
        if (locked) lock.releaseLock();
      }
    },
  };
}

export function sha256Hex(text: string): string {
  const bytes = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8);
  return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, '0')).join('');
}

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

export function contactSource(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): ContactSource {
  return {
    findCandidateRows(layout: Layout, email: string): number[] {
      const first = Math.min(...layout.emailColumns) + 1;
      const last = Math.max(...layout.emailColumns) + 1;
      const emailColumns = new Set(layout.emailColumns.map((i) => i + 1));
      // Literal text, any case, anywhere in the cell: exactness is checked on the row afterwards,
      // so cells with stray spaces still match. The request never becomes a pattern.
      const cells = spreadsheet
        .getRange(`${tabPrefix(layout.tab)}${columnLetters(first)}:${columnLetters(last)}`)
        .createTextFinder(email)
        .matchCase(false)
        .matchEntireCell(false)
        .useRegularExpression(false)
        .matchFormulaText(false)
        .findAll();
      const rows = new Set<number>();
      for (const cell of cells) {
        if (cell.getRow() > 1 && emailColumns.has(cell.getColumn())) rows.add(cell.getRow());
      }
      return [...rows].sort((a, b) => a - b);
    },
    readRows(layout: Layout, rows: number[]): string[][] {
      const lastColumn = columnLetters(layout.headers.length);
      const result: string[][] = [];
      // One read per run of adjacent rows.
      for (let i = 0; i < rows.length;) {
        let j = i;
        while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
        const a1 = `${tabPrefix(layout.tab)}A${rows[i]}:${lastColumn}${rows[j]}`;
        result.push(...spreadsheet.getRange(a1).getDisplayValues());
        i = j + 1;
      }
      return result;
    },
  };
}

export function structureReader(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): StructureReader {
  return {
    tabNames: () => spreadsheet.getSheets().map((sheet) => sheet.getName()),
    settingsRows() {
      const sheet = spreadsheet.getSheetByName(SETTINGS_TAB);
      return sheet ? sheet.getDataRange().getDisplayValues() : null;
    },
    headerRow: (tab) => spreadsheet.getRange(`${tabPrefix(tab)}1:1`).getDisplayValues()[0] ?? [],
    hiddenColumns(tab, width) {
      const sheet = spreadsheet.getSheetByName(tab);
      const hidden: boolean[] = [];
      for (let column = 1; sheet && column <= width; column++) hidden.push(sheet.isColumnHiddenByUser(column));
      return hidden;
    },
  };
}
