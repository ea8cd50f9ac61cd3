import {
  BLOCK_ROWS,
  emailCellPattern,
  findVisitor,
  rowBlocks,
  rowMatches,
  rowsOfBlocks,
} from '../../../src/core/lookup/contact-search';
import { Layout } from '../../../src/core/state/layout';
import { re2ToJs } from '../../../local/gas/re2';
import { MemoryBook } from '../../support/plain-ports';

const layout: Layout = {
  tab: 'Contacts',
  headers: ['Name', 'Email', 'Alt'],
  emailColumns: [1, 2],
  visibleColumns: [0, 1, 2],
};

const ROWS = [
  ['Name', 'Email', 'Alt'],
  ['Ann B', 'a.b@example.com', ''],
  ['Ann X', 'axb@example.com', ''],
  ['Padded', '  A.B@Example.com\u00a0', ''],
  ['Longer', 'xa.b@example.com', ''],
  ['Alt', 'other@example.com', 'a.b@example.com'],
  ['Suffix', 'a.b@example.com.au', ''],
];

/** An index as a lookup sees it: the rows it holds (undefined: none usable), and what it was asked to keep. */
function index(indexed?: number[]) {
  const kept: string[][][] = [];
  return { indexed, keep: (columns: string[][]) => void kept.push(columns), kept };
}

describe('findVisitor', () => {
  test('without an index: one read of the email columns, exact matches only in any email column, one read of the rows', () => {
    const book = new MemoryBook({ Contacts: ROWS });
    const without = index();
    expect(findVisitor(book, layout, 'a.b@example.com', 50, false, without).contacts.map((r) => r[0])).toEqual([
      'Ann B',
      'Padded',
      'Alt',
    ]);
    expect(book.columnReads).toEqual(['Contacts']);
    expect(book.reads).toBe(1);
    expect(book.searches).toEqual([]);
    // The columns just read are handed over to be kept as the new index.
    expect(without.kept).toEqual([book.readColumns('Contacts', [1, 2])]);
  });

  test('with the index: only the rows it names are read, and the email columns are not', () => {
    const book = new MemoryBook({ Contacts: ROWS });
    const visitor = findVisitor(book, layout, 'a.b@example.com', 50, false, index([2, 4, 6]));
    expect(visitor.contacts.map((r) => r[0])).toEqual(['Ann B', 'Padded', 'Alt']);
    expect(book.columnReads).toEqual([]);
    expect(book.reads).toBe(1);
  });

  test('the index holds no row: nothing is read at all', () => {
    const book = new MemoryBook({ Contacts: ROWS });
    expect(findVisitor(book, layout, 'nobody@example.com', 5, false, index([]))).toEqual({
      contacts: [],
      matches: 0,
      history: undefined,
    });
    expect(book.reads).toBe(0);
    expect(book.columnReads).toEqual([]);
  });

  test('a row the index names no longer holds the email (moved, edited, a shared hash): the columns are read afresh', () => {
    const book = new MemoryBook({ Contacts: ROWS });
    const stale = index([3, 4]);
    expect(findVisitor(book, layout, 'a.b@example.com', 50, false, stale).contacts.map((r) => r[0])).toEqual([
      'Ann B',
      'Padded',
      'Alt',
    ]);
    expect(book.columnReads).toEqual(['Contacts']);
    expect(stale.kept).toHaveLength(1);
  });

  test('many matching rows behind many partial hits: all counted, only as many read as shown', () => {
    const decoys = Array.from({ length: 250 }, (_, i) => [`Decoy ${i}`, `user${i}an@gmail.com`, '']);
    const twins = Array.from({ length: 300 }, (_, i) => [`Twin ${i}`, 'AN@gmail.com', '']);
    const book = new MemoryBook({ Contacts: [ROWS[0], ...decoys, ...twins] });
    const visitor = findVisitor(book, layout, 'an@gmail.com', 5, false, index());
    expect(visitor.contacts.map((r) => r[0])).toEqual(['Twin 0', 'Twin 1', 'Twin 2', 'Twin 3', 'Twin 4']);
    expect(visitor.matches).toBe(300);
    expect(book.rowsRead).toBe(5);
  });

  test('an email cell with invisible characters matches once cleaned, as requests are', () => {
    expect(rowMatches(['x', ' A.b\u200b@Example.com\u00ad'], [1], 'a.b@example.com')).toBe(true);
    expect(rowMatches(['x', 'a.b@example.com\nx'], [1], 'a.b@example.com')).toBe(false);
  });

  test("with chats: the visitor's history from their last Chats rows, in the same one read", () => {
    const chats = [
      ['When', 'Case ID', 'Visitor email', '', '', 'Agent', '', '', '', 'Description'],
      ...Array.from({ length: 300 }, (_, i) => [
        // Chat 297 arrived late: the latest date, though not the last row.
        i === 297 ? '2026-01-02 09:00' : `2026-01-01 10:${String(i % 60).padStart(2, '0')}`,
        `c${i}`,
        i % 2 ? 'a.b@example.com' : 'xa.b@example.com',
        '',
        '',
        `Agent ${i}`,
        '',
        '',
        '',
        `chat ${i}`,
      ]),
    ];
    const book = new MemoryBook({ Contacts: ROWS, Chats: chats });
    const visitor = findVisitor(book, layout, 'a.b@example.com', 5, true, index([2, 4, 6]));
    expect(visitor.history).toEqual({
      count: 150,
      lastDate: '2026-01-02',
      lastAgent: 'Agent 297',
      lastDescription: 'chat 297',
    });
    expect(book.reads).toBe(1);
    expect(book.rowsRead).toBe(3 + 5);
    expect(book.searches).toEqual(['Chats']);
    // A stale index costs the columns and the contact rows again, not the chats.
    const again = new MemoryBook({ Contacts: ROWS, Chats: chats });
    expect(findVisitor(again, layout, 'a.b@example.com', 5, true, index([3])).history?.count).toBe(150);
    expect(again.searches).toEqual(['Chats']);
    expect(again.columnReads).toEqual(['Contacts']);
  });
});

describe('rowBlocks', () => {
  const ref = (tab: string, row: number, width = 3) => ({ tab, row, width });

  test('one block for rows of a tab close together, one per tab or distant run otherwise', () => {
    expect(rowBlocks([ref('Contacts', 7)])).toEqual([{ tab: 'Contacts', first: 7, last: 7, width: 3 }]);
    expect(rowBlocks([ref('Contacts', 9), ref('Contacts', 7, 5)])).toEqual([
      { tab: 'Contacts', first: 7, last: 9, width: 5 },
    ]);
    expect(rowBlocks([ref('Contacts', 7), ref('Contacts', 7 + BLOCK_ROWS), ref('Chats', 8)])).toHaveLength(3);
  });

  test('each row is taken back out of its block, as wide as asked', () => {
    const rows = [ref('Contacts', 9, 2), ref('Contacts', 7, 2)];
    const blocks = rowBlocks(rows);
    const read = [[['r7a', 'r7b', 'r7c'], ['r8a'], ['r9a', 'r9b']]];
    expect(rowsOfBlocks(rows, blocks, read)).toEqual([
      ['r9a', 'r9b'],
      ['r7a', 'r7b'],
    ]);
  });
});

describe('the search pattern', () => {
  const matches = (email: string, cell: string) =>
    new RegExp(`^(?:${re2ToJs(emailCellPattern(email))})$`, 'iu').test(cell);

  test('a cell equal to the email, any case, padded with any whitespace JavaScript trims', () => {
    expect(matches('a.b@x.co', 'A.B@X.CO')).toBe(true);
    expect(matches('a.b@x.co', ' \t\u00a0\u2003a.b@x.co\ufeff\n')).toBe(true);
  });

  test('nothing else: metacharacters are literal, no partial cell', () => {
    expect(matches('a.b@x.co', 'axb@x.co')).toBe(false);
    expect(matches('a.b@x.co', 'xa.b@x.co')).toBe(false);
    expect(matches('a.b@x.co', 'a.b@x.co.au')).toBe(false);
    expect(matches('a+b@x.co', 'aab@x.co')).toBe(false);
    expect(matches('a*b?c(d)[e]{2}|f$^\\g@x.co', 'a*b?c(d)[e]{2}|f$^\\g@x.co')).toBe(true);
    expect(matches('a.b@x.co', 'a.b@x.co\nsecond line')).toBe(false);
  });
});

test('rowMatches ignores cells beyond the row', () => {
  expect(rowMatches(['a'], [3], 'a')).toBe(false);
});
