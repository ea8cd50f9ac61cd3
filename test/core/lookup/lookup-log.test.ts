import { PRUNE_EVERY_ROWS } from '../../../src/core/tabs/app-tab-log';
import { LOOKUP_LOG, logRow, writeLookupRecord } from '../../../src/core/lookup/lookup-log';
import { ListLogger, MapCache, MemoryBook, TestLock } from '../../support/plain-ports';
test('a log row is written as text: a formula, a sign or digits stay what they were', () => {
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

describe('writeLookupRecord', () => {
  const record = (day: number) => ({
    time: new Date(day * 86_400_000),
    caseId: `c${day}`,
    email: 'a@b.co',
    ip: '',
    url: '',
    matches: 1,
  });
  const writer = () => ({ lock: new TestLock(), tabs: new MemoryBook(), log: new ListLogger(), cache: new MapCache() });

  test('appends under the lock and prunes past the retention when the new row is a multiple of a hundred', () => {
    const w = writer();
    // Rows 2 to 99: no pruning yet, however old.
    for (let day = 0; day < PRUNE_EVERY_ROWS - 2; day++) writeLookupRecord(w, record(day), { retentionDays: 30 });
    expect(w.tabs.rows(LOOKUP_LOG.name)).toHaveLength(PRUNE_EVERY_ROWS - 2);
    // Row 100, on day 98: rows older than day 68 go.
    writeLookupRecord(w, record(PRUNE_EVERY_ROWS - 2), { retentionDays: 30 });
    const days = w.tabs.rows(LOOKUP_LOG.name).map((row) => (row[0] as Date).getTime() / 86_400_000);
    expect(days[0]).toBe(PRUNE_EVERY_ROWS - 2 - 30);
    expect(days).toHaveLength(31);
    expect(w.log.errors).toEqual([]);
  });

  test('a busy lock appends without it once the tab exists; a failing tab skips the row and is logged, never thrown', () => {
    const w = writer();
    w.lock.available = false;
    writeLookupRecord(w, record(1), { retentionDays: 30 });
    expect(w.tabs.rows(LOOKUP_LOG.name)).toEqual([]);
    w.lock.available = true;
    writeLookupRecord(w, record(2), { retentionDays: 30 });
    w.lock.available = false;
    writeLookupRecord(w, record(3), { retentionDays: 30 });
    expect(w.tabs.rows(LOOKUP_LOG.name)).toHaveLength(2);
    w.lock.available = true;
    w.tabs.appendRow = () => {
      throw new Error('Service Spreadsheets failed');
    };
    expect(() => writeLookupRecord(w, record(1), { retentionDays: 30 })).not.toThrow();
    expect(w.log.errors).toEqual([
      'Lookup log: the lock was busy; one lookup was not logged.',
      'Lookup log: could not write a row: Error: Service Spreadsheets failed',
    ]);
  });

  test('a prune that is due (a day without one) runs on the next row, however few rows there are', () => {
    const w = writer();
    for (let day = 0; day < 40; day++) writeLookupRecord(w, record(day), { retentionDays: 30 });
    expect(w.tabs.rows(LOOKUP_LOG.name)).toHaveLength(40);
    writeLookupRecord(w, record(40), { retentionDays: 30, pruneDue: true });
    expect(w.tabs.rows(LOOKUP_LOG.name)).toHaveLength(31);
    expect(w.cache.map.get('log-pruned')).toBe(String(40 * 86_400_000));
  });

  test('a spreadsheet at 90% of its cells: no row, one log line a day', () => {
    const w = writer();
    writeLookupRecord(w, record(1), { retentionDays: 30, fullOn: '2026-11-30' });
    writeLookupRecord(w, record(1), { retentionDays: 30, fullOn: '2026-11-30' });
    writeLookupRecord(w, record(2), { retentionDays: 30, fullOn: '2026-12-01' });
    expect(w.tabs.rows(LOOKUP_LOG.name)).toEqual([]);
    expect(w.log.errors).toHaveLength(2);
    expect(w.log.errors[0]).toMatch(/^Lookup log: the spreadsheet holds 90% of its 10,000,000 cells/);
  });
});
