/**
 * Issue 18's targets, asserted on an hour of the simulated day (npm run bench -- --day --hours 1), so
 * a later change that breaks one fails CI. The per-day budgets scale with the hour (a tenth of the
 * ten-hour day); the per-minute one and the visitors' and chats' outcomes do not.
 */
import { FULL_DAY, runDay } from '../../scripts/bench-day';

test('an hour of the day: every lookup answered, every chat recorded, Google budgets used within the targets', async () => {
  const hours = 1;
  const day = await runDay({ hours, rows: 3_000, seed: 18 });
  const share = hours / FULL_DAY.hours;
  expect(day.lookups).toBe(2_000);
  expect(day.unavailable).toBe(0);
  expect(day.answered).toBe(day.lookups);
  expect(day.chatsRecorded).toBe(day.chats);
  expect(day.peakSheetsApiReadsPerMinute).toBeLessThanOrEqual(12);
  expect(day.sheetsApiRefused).toBe(0);
  expect(day.propertiesCalls).toBeLessThanOrEqual(5_000 * share);
  expect(day.propertiesRefused).toBe(0);
  expect(day.triggerSeconds).toBeLessThanOrEqual(540 * share);
  expect(day.triggersNotRun).toBe(0);
});
