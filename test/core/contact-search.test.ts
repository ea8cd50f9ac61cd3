import { ContactSource, findContacts, MAX_CANDIDATE_ROWS, rowMatches } from '../../src/core/contact-search';
import { Layout } from '../../src/core/layout';
import { ListLogger } from './plain-ports';

const layout: Layout = {
  tab: 'Contacts',
  headers: ['Name', 'Email', 'Alt'],
  emailColumns: [1, 2],
  visibleColumns: [0, 1, 2],
};

function source(rows: string[][]): ContactSource & { read: number[][] } {
  const read: number[][] = [];
  return {
    read,
    // Like TextFinder: literal, case-insensitive, partial.
    findCandidateRows: (l, email) =>
      rows
        .map((cells, i) => ({ cells, row: i + 2 }))
        .filter(({ cells }) => l.emailColumns.some((c) => cells[c].toLowerCase().includes(email)))
        .map(({ row }) => row),
    readRows(_l, wanted) {
      read.push(wanted);
      return wanted.map((r) => rows[r - 2]);
    },
  };
}

describe('findContacts', () => {
  const rows = [
    ['Ann B', 'a.b@example.com', ''],
    ['Ann X', 'axb@example.com', ''],
    ['Padded', '  A.B@Example.com ', ''],
    ['Longer', 'xa.b@example.com', ''],
    ['Alt', 'other@example.com', 'a.b@example.com'],
    ['Suffix', 'a.b@example.com.au', ''],
  ];

  test('exact matches only, after trimming and lower-casing, in any email column', () => {
    const found = findContacts(source(rows), layout, 'a.b@example.com', new ListLogger());
    expect(found.map((r) => r[0])).toEqual(['Ann B', 'Padded', 'Alt']);
  });

  test('no candidates: nothing is read', () => {
    const s = source(rows);
    expect(findContacts(s, layout, 'nobody@example.com', new ListLogger())).toEqual([]);
    expect(s.read).toEqual([]);
  });

  test('too many candidates: the first ones are checked and the admin is told', () => {
    const many = Array.from({ length: MAX_CANDIDATE_ROWS + 5 }, () => ['X', 'x@y.co', '']);
    const log = new ListLogger();
    expect(findContacts(source(many), layout, 'x@y.co', log)).toHaveLength(MAX_CANDIDATE_ROWS);
    expect(log.warnings).toEqual([
      `A lookup found ${MAX_CANDIDATE_ROWS + 5} candidate rows; only the first ${MAX_CANDIDATE_ROWS} were checked.`,
    ]);
  });
});

test('rowMatches ignores cells beyond the row', () => {
  expect(rowMatches(['a'], [3], 'a')).toBe(false);
});
