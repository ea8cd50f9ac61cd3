/** tabs/app-tab-log: text kept as text, and pruning expired rows wherever they are. */
import { asText, expiredRuns, pruneRows } from '../../../src/core/tabs/app-tab-log';
import { MemoryBook } from '../../support/plain-ports';

test('text is written as text: a formula, a sign or digits stay what they were', () => {
  expect(['=HYPERLINK("x")', '+1', '00123', 'plain', ''].map(asText)).toEqual([
    `'=HYPERLINK("x")`,
    "'+1",
    "'00123",
    "'plain",
    '',
  ]);
});

const DAY = 86_400_000;

test('expired runs: wherever they are, a row without a date kept and not stopping the search', () => {
  const times = [
    new Date(9 * DAY),
    new Date(0),
    new Date(DAY),
    '',
    new Date(DAY),
    new Date(5 * DAY),
    new Date(2 * DAY),
  ];
  expect(expiredRuns(times, 3 * DAY)).toEqual([
    [3, 2],
    [6, 1],
    [8, 1],
  ]);
  expect(expiredRuns([], 3 * DAY)).toEqual([]);
});

describe('pruneRows', () => {
  const tab = (days: (number | '')[]) =>
    new MemoryBook({ Log: [['Time'], ...days.map((d) => [d === '' ? '' : new Date(d * DAY), `r${d}`])] });
  const left = (book: MemoryBook) => book.rows('Log').map((r) => r[1]);

  test('newest first, a future date first, a cleared cell: every expired row goes, nothing else', () => {
    const book = tab([36500, 40, 39, '', 20, 10, 31, 5]);
    expect(pruneRows(book, 'Log', 9, 30 * DAY)).toBe(3);
    expect(left(book)).toEqual(['r36500', 'r40', 'r39', 'r', 'r31']);
  });

  test('staff sort the tab between the read and the deletes: only rows still expired go', () => {
    const book = tab([1, 2, 50, 51, 52, 3]);
    const read = book.column.bind(book);
    let reads = 0;
    book.column = (name, column, first, last) => {
      // Right after the first read, staff sort the tab newest first.
      if (reads++ === 1) book.tabs.get('Log')?.splice(1, 6, ...[...(book.tabs.get('Log') ?? []).slice(1)].reverse());
      return read(name, column, first, last);
    };
    pruneRows(book, 'Log', 7, 30 * DAY);
    const kept = book.rows('Log').map((r) => (r[0] as Date).getTime() / DAY);
    expect(kept.filter((d) => d >= 30).sort()).toEqual([50, 51, 52]);
  });
});
