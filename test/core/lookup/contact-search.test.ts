import { emailCellPattern, findVisitor, rowMatches } from '../../../src/core/lookup/contact-search';
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

describe('findVisitor', () => {
  test('exact matches only, after trimming and lower-casing, in any email column; one read', () => {
    const book = new MemoryBook({ Contacts: ROWS });
    expect(findVisitor(book, layout, 'a.b@example.com', 50, false).contacts.map((r) => r[0])).toEqual([
      'Ann B',
      'Padded',
      'Alt',
    ]);
    expect(book.reads).toBe(1);
    expect(book.searches).toEqual(['Contacts']);
  });

  test('the answer is right whatever the search returns: extra rows are checked again', () => {
    const book = new MemoryBook({ Contacts: ROWS });
    const findRows = book.findRows.bind(book);
    book.findRows = (tab, columns, pattern) => [...new Set([...findRows(tab, columns, pattern), 3, 5, 7])].sort();
    expect(findVisitor(book, layout, 'a.b@example.com', 50, false).contacts.map((r) => r[0])).toEqual([
      'Ann B',
      'Padded',
      'Alt',
    ]);
  });

  test('many matching rows behind many partial hits: all counted, only as many read as shown', () => {
    const decoys = Array.from({ length: 250 }, (_, i) => [`Decoy ${i}`, `user${i}an@gmail.com`, '']);
    const twins = Array.from({ length: 300 }, (_, i) => [`Twin ${i}`, 'AN@gmail.com', '']);
    const book = new MemoryBook({ Contacts: [ROWS[0], ...decoys, ...twins] });
    const visitor = findVisitor(book, layout, 'an@gmail.com', 5, false);
    expect(visitor.contacts.map((r) => r[0])).toEqual(['Twin 0', 'Twin 1', 'Twin 2', 'Twin 3', 'Twin 4']);
    expect(visitor.matches).toBe(300);
    expect(book.rowsRead).toBe(5);
  });

  test('an email cell with invisible characters matches once cleaned, as requests are', () => {
    expect(rowMatches(['x', ' A.b\u200b@Example.com\u00ad'], [1], 'a.b@example.com')).toBe(true);
    expect(rowMatches(['x', 'a.b@example.com\nx'], [1], 'a.b@example.com')).toBe(false);
  });

  test('nothing found: nothing is read', () => {
    const book = new MemoryBook({ Contacts: ROWS });
    expect(findVisitor(book, layout, 'nobody@example.com', 5, false)).toEqual({ contacts: [], matches: 0 });
    expect(book.reads).toBe(0);
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
    const visitor = findVisitor(book, layout, 'a.b@example.com', 5, true);
    expect(visitor.history).toEqual({
      count: 150,
      lastDate: '2026-01-02',
      lastAgent: 'Agent 297',
      lastDescription: 'chat 297',
    });
    expect(book.reads).toBe(1);
    expect(book.rowsRead).toBe(3 + 5);
    expect(book.searches).toEqual(['Contacts', 'Chats']);
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
