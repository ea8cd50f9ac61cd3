import { expiredRowCount, inertCell, logRow } from '../../src/core/lookup-log';

test('values Sheets would read as formulas are stored as text', () => {
  expect(['=HYPERLINK("x")', '+1', '-1', '@a', 'plain'].map(inertCell)).toEqual([
    `'=HYPERLINK("x")`,
    "'+1",
    "'-1",
    "'@a",
    'plain',
  ]);
  const time = new Date(0);
  expect(logRow({ time, caseId: '=1+1', email: 'a@b.co', ip: '1.2.3.4', url: 'https://x', matches: 2 })).toEqual([
    time,
    "'=1+1",
    'a@b.co',
    '1.2.3.4',
    'https://x',
    2,
  ]);
});

test('expired rows are counted from the top and stop at the first recent or non-date cell', () => {
  const day = 86_400_000;
  const times = [new Date(0), new Date(day), new Date(5 * day), new Date(2 * day)];
  expect(expiredRowCount(times, 3 * day)).toBe(2);
  expect(expiredRowCount(['Time', new Date(0)], 3 * day)).toBe(0);
  expect(expiredRowCount([], 3 * day)).toBe(0);
});
