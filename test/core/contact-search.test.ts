import { ContactSource, emailCellPattern, findContacts, rowMatches } from '../../src/core/contact-search';
import { Layout } from '../../src/core/layout';
import { re2ToJs } from '../../local/gas/re2';

const layout: Layout = {
  tab: 'Contacts',
  headers: ['Name', 'Email', 'Alt'],
  emailColumns: [1, 2],
  visibleColumns: [0, 1, 2],
};

/** Rows whose email cells the pattern matches, as a careless search might also return others. */
function source(rows: string[][], extraRows: number[] = []): ContactSource & { read: number[][] } {
  const read: number[][] = [];
  return {
    read,
    findRows: (l, pattern) => {
      const re = new RegExp(`^(?:${re2ToJs(pattern)})$`, 'iu');
      const found = rows.flatMap((cells, i) => (l.emailColumns.some((c) => re.test(cells[c])) ? [i + 2] : []));
      return [...new Set([...found, ...extraRows])].sort((a, b) => a - b);
    },
    readRows(_l, wanted) {
      read.push(wanted);
      return wanted.map((r) => rows[r - 2]);
    },
  };
}

const ROWS = [
  ['Ann B', 'a.b@example.com', ''],
  ['Ann X', 'axb@example.com', ''],
  ['Padded', '  A.B@Example.com\u00a0', ''],
  ['Longer', 'xa.b@example.com', ''],
  ['Alt', 'other@example.com', 'a.b@example.com'],
  ['Suffix', 'a.b@example.com.au', ''],
];

describe('findContacts', () => {
  test('exact matches only, after trimming and lower-casing, in any email column', () => {
    const s = source(ROWS);
    expect(findContacts(s, layout, 'a.b@example.com').map((r) => r[0])).toEqual(['Ann B', 'Padded', 'Alt']);
    expect(s.read).toEqual([[2, 4, 6]]);
  });

  test('the answer is right whatever the search returns: extra rows are checked again', () => {
    expect(findContacts(source(ROWS, [3, 5, 7]), layout, 'a.b@example.com').map((r) => r[0])).toEqual([
      'Ann B',
      'Padded',
      'Alt',
    ]);
  });

  test('no cap: every one of many matching rows is found, behind many partial hits', () => {
    const decoys = Array.from({ length: 250 }, (_, i) => [`Decoy ${i}`, `user${i}an@gmail.com`, '']);
    const twins = Array.from({ length: 300 }, (_, i) => [`Twin ${i}`, 'AN@gmail.com', '']);
    expect(findContacts(source([...decoys, ...twins]), layout, 'an@gmail.com')).toHaveLength(300);
  });

  test('no rows found: nothing is read', () => {
    const s = source(ROWS);
    expect(findContacts(s, layout, 'nobody@example.com')).toEqual([]);
    expect(s.read).toEqual([]);
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
