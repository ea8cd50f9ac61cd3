/**
 * Finding a visitor: the contact rows whose email cells hold the email and, with Chat history on,
 * their past chats (chats/history.ts: only the last few are read). A server-side search returns
 * only the cells whose whole content is the email (any case, surrounding spaces allowed), however
 * many other cells contain it; every row read is checked again here, so the answer never depends
 * on what the search returned.
 */
import { CHAT_COLUMN, CHAT_SUMMARY_WIDTH } from '../chats/chats';
import { ChatHistory, chatHistory, recentChatRows } from '../chats/history';
import { cleanEmail } from '../request/cleaning';
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
  // The sheet's cells are cleaned as requests are: an invisible character never hides a contact.
  return emailColumns.some((index) => cleanEmail(cells[index] ?? '') === email);
}

export interface Visitor {
  /** The matching contact rows' display values, in sheet order, at most the number asked for. */
  contacts: string[][];
  /** How many contact rows match, those not read included. */
  matches: number;
  /** With Chat history on, the visitor's past chats, if any. */
  history?: ChatHistory;
}

/**
 * The visitor's rows for an email already cleaned: two searches at most, and one read of at most
 * `maxContacts` contact rows and a few chat rows, however many rows match.
 */
export function findVisitor(
  source: RowSource,
  layout: Layout,
  email: string,
  maxContacts: number,
  withChats: boolean,
): Visitor {
  const pattern = emailCellPattern(email);
  const contactRows = source.findRows(layout.tab, layout.emailColumns, pattern);
  const chatRows = withChats ? source.findRows(CHATS_TAB, [CHAT_COLUMN.email], pattern) : [];
  const contactRefs = contactRows
    .slice(0, maxContacts)
    .map((row) => ({ tab: layout.tab, row, width: layout.headers.length }));
  const chatRefs = recentChatRows(chatRows).map((row) => ({ tab: CHATS_TAB, row, width: CHAT_SUMMARY_WIDTH }));
  const refs = [...contactRefs, ...chatRefs];
  const read = refs.length > 0 ? source.readRows(refs) : [];
  // Each row read is checked again: the search sees display text, and the row may have changed since.
  const contacts = read.slice(0, contactRefs.length).filter((cells) => rowMatches(cells, layout.emailColumns, email));
  const isVisitors = (cells: string[]) => rowMatches(cells, [CHAT_COLUMN.email], email);
  return {
    contacts,
    matches: contacts.length + contactRows.length - contactRefs.length,
    history: chatHistory(chatRows.length, read.slice(contactRefs.length), isVisitors),
  };
}
