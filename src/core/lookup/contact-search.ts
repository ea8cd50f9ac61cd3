/**
 * Finding a visitor: the contact rows whose email cells hold the email and, with Chat history on,
 * their past chats (chats/history.ts: only the last few are read). Contact rows come from the email
 * index (email-index.ts) or, when it has none to give, from a search of the email columns on
 * Google's side (or one read of them that rebuilds it, once per configuration); the Chats tab is searched on Google's side for the cells whose whole content is
 * the email (any case, surrounding spaces allowed), however many other cells contain it. Every row
 * is checked again here once read, so the answer never depends on what the index or the search said.
 */
import { CHAT_COLUMN, CHAT_SUMMARY_WIDTH } from '../chats/chats';
import { ChatHistory, chatHistory, recentChatRows } from '../chats/history';
import { cleanEmail } from '../request/cleaning';
import { Layout } from '../state/layout';
import { CHATS_TAB } from '../tabs/tabs';
import { rowsHolding } from './email-index';

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
  /** Display values of every row asked for, in that order, in as few reads as the adapter can. */
  readRows(rows: RowRef[]): string[][];
  /** Display values of each column (0-based) of `tab` from row 2 down, one array per column. */
  readColumns(tab: string, columns: number[]): string[][];
}

/** The email index as a lookup sees it. */
export interface ContactIndex {
  /** The rows it holds for the email (none: not in the sheet), or undefined when it has no usable answer. */
  indexed: number[] | undefined;
  /**
   * Present when this lookup may build the index (it rebuilt the configuration, so it pays for a
   * read of the email columns once per configuration); keeps an index built from the columns read.
   * Without it, a lookup the index cannot answer searches the email columns on Google's side.
   */
  keep?(columns: string[][]): void;
}

/** Rows of one tab this close together are read as one block: the rows between cost little to read. */
export const BLOCK_ROWS = 50;

/** Rows first to last of a tab, `width` cells from column A. */
export interface RowBlock {
  tab: string;
  first: number;
  last: number;
  width: number;
}

/** The rows as blocks: one per run of a tab's rows within BLOCK_ROWS of each other, as wide as the widest. */
export function rowBlocks(rows: RowRef[]): RowBlock[] {
  const blocks: RowBlock[] = [];
  const sorted = [...rows].sort((a, b) => a.tab.localeCompare(b.tab) || a.row - b.row);
  for (const { tab, row, width } of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && last.tab === tab && row - last.first < BLOCK_ROWS) {
      last.last = Math.max(last.last, row);
      last.width = Math.max(last.width, width);
    } else blocks.push({ tab, first: row, last: row, width });
  }
  return blocks;
}

/** Each row's cells out of the blocks read (in `rowBlocks` order), `width` cells each. */
export function rowsOfBlocks(rows: RowRef[], blocks: RowBlock[], read: string[][][]): string[][] {
  return rows.map(({ tab, row, width }) => {
    const at = blocks.findIndex((block) => block.tab === tab && block.first <= row && row <= block.last);
    const cells = read[at]?.[row - blocks[at].first] ?? [];
    return Array.from({ length: width }, (_, j) => String(cells[j] ?? ''));
  });
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
 * The visitor's rows for an email already cleaned, reading at most `maxContacts` contact rows and the
 * last few chat rows however many match. With the index's rows: one read (none when it holds no row
 * and chats are off). Without them, or when a row it names no longer holds the email (moved or
 * changed by something no trigger reported, or two emails sharing a hash): a search of the email
 * columns on Google's side (or, in the lookup that rebuilt the configuration, one read of them,
 * which rebuilds the index), then one read of the rows found.
 */
export function findVisitor(
  source: RowSource,
  layout: Layout,
  email: string,
  maxContacts: number,
  withChats: boolean,
  index: ContactIndex,
): Visitor {
  const chatRows = withChats ? source.findRows(CHATS_TAB, [CHAT_COLUMN.email], emailCellPattern(email)) : [];
  const chatRefs = recentChatRows(chatRows).map((row) => ({ tab: CHATS_TAB, row, width: CHAT_SUMMARY_WIDTH }));
  const contactRefs = (rows: number[]) =>
    rows.slice(0, maxContacts).map((row) => ({ tab: layout.tab, row, width: layout.headers.length }));
  const read = (refs: RowRef[]) => (refs.length > 0 ? source.readRows(refs) : []);
  const holds = (cells: string[]) => rowMatches(cells, layout.emailColumns, email);
  let contacts: string[][] | undefined;
  let chats: string[][] | undefined;
  /** Matching rows beyond those read: counted, not shown. */
  let unread = 0;
  if (index.indexed) {
    const shown = contactRefs(index.indexed);
    const cells = read([...shown, ...chatRefs]);
    chats = cells.slice(shown.length);
    contacts = cells.slice(0, shown.length);
    unread = index.indexed.length - shown.length;
    if (!contacts.every(holds)) contacts = undefined;
  }
  if (!contacts) {
    let rows: number[];
    if (index.keep) {
      const columns = source.readColumns(layout.tab, layout.emailColumns);
      index.keep(columns);
      rows = rowsHolding(columns, email);
    } else rows = source.findRows(layout.tab, layout.emailColumns, emailCellPattern(email));
    const shown = contactRefs(rows);
    const cells = read([...shown, ...(chats ? [] : chatRefs)]);
    chats ??= cells.slice(shown.length);
    // A row edited between the two reads is checked like any other.
    contacts = cells.slice(0, shown.length).filter(holds);
    unread = rows.length - shown.length;
  }
  const isVisitors = (cells: string[]) => rowMatches(cells, [CHAT_COLUMN.email], email);
  return {
    contacts,
    matches: contacts.length + unread,
    history: withChats ? chatHistory(chatRows.length, chats ?? [], isVisitors) : undefined,
  };
}
