import { asText, expiredRowCount, PRUNE_EVERY_ROWS } from '../../../src/core/tabs/app-tab-log';
import { LOOKUP_LOG, logRow, writeLookupRecord } from '../../../src/core/lookup/lookup-log';
import { ListLogger, MemoryBook, TestLock } from '../../support/plain-ports';

test('text is written as text: a formula, a sign or digits stay what they were', () => {
  expect(['=HYPERLINK("x")', '+1', '00123', 'plain', ''].map(asText)).toEqual([
    `'=HYPERLINK("x")`,
    "'+1",
    "'00123",
    "'plain",
    '',
  ]);
  const time = new Date(0);
  expect(logRow({ time, caseId: '=1+1', email: 'a@b.co', ip: '1.2.3.4', url: 'https://x', matches: 2 })).toEqual([
    time,
    "'=1+1",
    "'a@b.co",
    "'1.2.3.4",
    "'https://x",
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

describe('writeLookupRecord', () => {
  const record = (day: number) => ({
    time: new Date(day * 86_400_000),
    caseId: `c${day}`,
    email: 'a@b.co',
    ip: '',
    url: '',
    matches: 1,
  });

  test('appends under the lock and prunes past the retention when the new row is a multiple of a hundred', () => {
    const writer = { lock: new TestLock(), tabs: new MemoryBook(), log: new ListLogger() };
    // Rows 2 to 99: no pruning yet, however old.
    for (let day = 0; day < PRUNE_EVERY_ROWS - 2; day++) writeLookupRecord(writer, record(day), 30);
    expect(writer.tabs.rows(LOOKUP_LOG.name)).toHaveLength(PRUNE_EVERY_ROWS - 2);
    // Row 100, on day 98: rows older than day 68 go.
    writeLookupRecord(writer, record(PRUNE_EVERY_ROWS - 2), 30);
    const days = writer.tabs.rows(LOOKUP_LOG.name).map((row) => (row[0] as Date).getTime() / 86_400_000);
    expect(days[0]).toBe(PRUNE_EVERY_ROWS - 2 - 30);
    expect(days).toHaveLength(31);
    expect(writer.log.errors).toEqual([]);
  });

  test('a busy lock or a failing tab skips the row and is logged, never thrown', () => {
    const writer = { lock: new TestLock(), tabs: new MemoryBook(), log: new ListLogger() };
    writer.lock.available = false;
    writeLookupRecord(writer, record(1), 30);
    expect(writer.tabs.rows(LOOKUP_LOG.name)).toEqual([]);
    writer.lock.available = true;
    writer.tabs.append = () => {
      throw new Error('Service Spreadsheets failed');
    };
    expect(() => writeLookupRecord(writer, record(1), 30)).not.toThrow();
    expect(writer.log.errors).toEqual([
      'Lookup log: the lock was busy; one lookup was not logged.',
      'Lookup log: could not write a row: Error: Service Spreadsheets failed',
    ]);
  });
});
