/**
 * A shortened simulated day (npm run bench -- --day --hours 1): the harness counts every event once,
 * and two runs print the same numbers. Issue 18's targets are printed by the bench, not asserted here.
 */
import { dayTable, runDay } from '../../scripts/bench-day';

test('an hour of the day: every lookup is answered or unavailable, every event counted, the same twice', async () => {
  const options = { hours: 1, rows: 3_000, seed: 18 };
  const first = await runDay(options);
  expect(first).toMatchObject({ hours: 1, rows: 3_000, lookups: 2_000, chats: 200, staffEdits: 30 });
  expect(first.answered + first.unavailable).toBe(first.lookups);
  expect(first.answered).toBeGreaterThan(0);
  expect(first.chatsRecorded).toBeLessThanOrEqual(first.chats);
  expect(first.chatsRecorded).toBeGreaterThan(0);
  expect(first.peakSheetsApiReadsPerMinute).toBeGreaterThan(0);
  expect(first.propertiesCalls).toBeGreaterThan(0);
  expect(first.triggerSeconds).toBeGreaterThan(0);
  // The contacts tab (3,000 rows plus the header, 20 columns and the inserted one) and the app's tabs.
  expect(first.cellsUsed).toBeGreaterThanOrEqual(3_001 * 21);
  expect(first.lookupModeledMs.p50).toBeLessThanOrEqual(first.lookupModeledMs.max);
  expect(await runDay(options)).toEqual(first);
  const table = dayTable(first);
  expect(table).toContain(`| lookups | 2,000 |`);
  expect(table).toMatch(/\| unavailable \| [\d,]+ \| 0: (pass|FAIL) \|/);
});
