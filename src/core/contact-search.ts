/**
 * Finding a visitor's rows. A server-side search returns only the cells whose whole content is the
 * email (any case, surrounding spaces allowed), however many other cells contain it; then each row
 * it found is checked again here, so the answer never depends on what the search returned.
 */
import { normalizeEmail } from './email';
import { Layout } from './layout';

export interface ContactSource {
  /**
   * Sheet rows (1-based, below the header) with an email-column cell matching `pattern`, ascending.
   * The pattern is a regular expression in RE2 syntax, the syntax of Sheets' search.
   */
  findRows(layout: Layout, pattern: string): number[];
  /** Display values of whole rows, as wide as the header row, in the order asked. */
  readRows(layout: Layout, rows: number[]): string[][];
}

/** What JavaScript's trim() removes: RE2's \s (tab, newline, form feed, carriage return, space) and the rest. */
const PADDING = '[\\s\u000b\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*';
/** RE2's metacharacters; escaped, each stands for itself (https://github.com/google/re2/wiki/Syntax). */
const RE2_SPECIAL = /[\\^$.|?*+()[\]{}]/g;

/**
 * A cell holding exactly this email, in any case, with any padding. Only metacharacters are escaped
 * and padding characters appear literally, so the pattern means the same to RE2 and to JavaScript.
 */
export function emailCellPattern(email: string): string {
  return `^${PADDING}${email.replace(RE2_SPECIAL, '\\$&')}${PADDING}$`;
}

export function rowMatches(cells: string[], emailColumns: number[], email: string): boolean {
  return emailColumns.some((index) => normalizeEmail(cells[index] ?? '') === email);
}

/** The matching rows' display values, in sheet order; `email` is already normalised. */
export function findContacts(source: ContactSource, layout: Layout, email: string): string[][] {
  const rows = source.findRows(layout, emailCellPattern(email));
  if (rows.length === 0) return [];
  return source.readRows(layout, rows).filter((cells) => rowMatches(cells, layout.emailColumns, email));
}
