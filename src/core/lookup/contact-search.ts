/**
 * Finding a visitor: the contact rows whose email cells hold the email and, with Chat history on,
 * the Chats rows of their past chats. A server-side search returns only the cells whose whole
 * content is the email (any case, surrounding spaces allowed), however many other cells contain it;
 * every row found is checked again here, so the answer never depends on what the search returned.
 */
import { CHAT_COLUMN, CHAT_SUMMARY_WIDTH } from '../chats/chats';
import { normalizeEmail } from '../request/email';
import { Layout } from '../state/layout';
import { CHATS_TAB } from '../tabs/tabs';

export interface RowRef {
  tab: string;
  /** 1-based. */
  row: number;
  /** Cells to read from column A. */
  width: number;
}

export interface RowSource {
  /**
   * Rows (1-based, below the header) of `tab` with a cell in `columns` (0-based) matching `pattern`,
   * ascending. The pattern is a regular expression in RE2 syntax, the syntax of Sheets' search.
   */
  findRows(tab: string, columns: number[], pattern: string): number[];
  /** Display values of every row asked for, in that order, in one read. */
  readRows(rows: RowRef[]): string[][];
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

export interface Visitor {
  /** The matching contact rows' display values, in sheet order. */
  contacts: string[][];
  /** The visitor's Chats rows (When to Description), in sheet order. */
  chats: string[][];
}

/** The visitor's rows for an email already normalised: two searches at most, and one read. */
export function findVisitor(source: RowSource, layout: Layout, email: string, withChats: boolean): Visitor {
  const pattern = emailCellPattern(email);
  const found = (tab: string, columns: number[], width: number) =>
    source.findRows(tab, columns, pattern).map((row) => ({ tab, row, width }));
  const contacts = found(layout.tab, layout.emailColumns, layout.headers.length);
  const refs = [...contacts, ...(withChats ? found(CHATS_TAB, [CHAT_COLUMN.email], CHAT_SUMMARY_WIDTH) : [])];
  const read = refs.length > 0 ? source.readRows(refs) : [];
  // Each row found is checked again: the search sees display text, and the row may have changed since.
  const matching = (rows: string[][], columns: number[]) => rows.filter((cells) => rowMatches(cells, columns, email));
  return {
    contacts: matching(read.slice(0, contacts.length), layout.emailColumns),
    chats: matching(read.slice(contacts.length), [CHAT_COLUMN.email]),
  };
}
