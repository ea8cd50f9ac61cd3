/**
 * The call counts that make lookups fast at any sheet size, width and hit count, pinned so a
 * regression fails CI. The benchmark (npm run bench) prints the same counts with the modeled time.
 */
import { AppsScriptRuntime } from '../../local/gas/runtime';
import { lookup, setSetting, setUpRuntime } from '../support/runtime';
import { bigContactsSheet, emailOf, MULTI_MATCHES, scenarioSheet } from '../support/sheets';

function measure(runtime: AppsScriptRuntime, email: string) {
  runtime.meter.reset();
  const text = lookup(runtime, email);
  return { text, ...runtime.meter.counts };
}

/** Only the cached answers go: the configuration and the email index stay, as for any visitor not seen lately. */
const forgetAnswers = (runtime: AppsScriptRuntime) => runtime.cache.evict((key) => key.includes(':answer:'));

describe.each([1_000, 20_000])('%i rows × 20 columns', (rows) => {
  const runtime = setUpRuntime([bigContactsSheet(rows)]);
  const email = emailOf(rows - 7);
  lookup(runtime, emailOf(1)); // the first lookup after Set up builds the configuration and the email index

  test('cold (answer not cached): 2 Sheets calls (open, one row read), no Sheets API request, one cache read', () => {
    forgetAnswers(runtime);
    const cold = measure(runtime, email);
    expect(cold.text).toContain(`Name: Person ${rows - 7}`);
    expect(cold).toMatchObject({ sheetCalls: 2, sheetsApiCalls: 0, cellsMoved: 20, propertiesReads: 0, cacheReads: 1 });
  });

  test('cold, not in the sheet: no Sheets call at all', () => {
    const none = measure(runtime, 'nobody@example.com');
    expect(none.text).toBe('No contact found for nobody@example.com');
    expect(none).toMatchObject({ sheetCalls: 0, cacheReads: 1 });
  });

  test('warm: no Sheets call, no Properties read, one cache read', () => {
    const warm = measure(runtime, email);
    expect(warm.text).toContain(`Name: Person ${rows - 7}`);
    expect(warm).toMatchObject({ sheetCalls: 0, cellsMoved: 0, propertiesReads: 0, cacheReads: 1 });
  });

  test('after an edit outside the email column: fresh answer from the index, 2 Sheets calls', () => {
    runtime.edit('Contacts', `C${rows - 7 + 2}`, 'Edited Co');
    const after = measure(runtime, email);
    expect(after.text).toContain('Company: Edited Co');
    expect(after).toMatchObject({ sheetCalls: 2, cellsMoved: 20, propertiesReads: 0, cacheReads: 1 });
  });

  test('after an edit in the email column: the index is rebuilt (one more call) and holds the new email', () => {
    runtime.edit('Contacts', `B${rows - 7 + 2}`, 'renamed@example.com');
    const after = measure(runtime, 'renamed@example.com');
    expect(after.text).toContain(`Name: Person ${rows - 7}`);
    expect(after).toMatchObject({ sheetCalls: 3, propertiesReads: 0 });
    expect(measure(runtime, email)).toMatchObject({ text: `No contact found for ${email}`, sheetCalls: 0 });
  });

  test('empty cache (the index lost): a search and the row, never a read of every email; the index waits for the next configuration', () => {
    runtime.cache.clear();
    const empty = measure(runtime, emailOf(rows - 3));
    expect(empty.text).toContain(`Name: Person ${rows - 3}`);
    expect(empty).toMatchObject({
      sheetCalls: 3,
      sheetsApiCalls: 0,
      cellsMoved: 21,
      propertiesReads: 1,
      cacheReads: 1,
    });
  });
});

describe.each([20, 200])('rebuilding the configuration at %i columns', (columns) => {
  test('the lookup after a settings or header edit makes at most 5 Sheets calls, whatever the width', () => {
    const runtime = setUpRuntime([bigContactsSheet(2_000, columns)]);
    lookup(runtime, emailOf(1));
    setSetting(runtime, 'Max matches', '4');
    const rebuild = measure(runtime, emailOf(2));
    expect(rebuild.text).toContain('Name: Person 2');
    expect(rebuild.sheetCalls).toBeLessThanOrEqual(5);
    expect(rebuild).toMatchObject({ propertiesReads: 1, propertiesWrites: 1 });
    runtime.edit('Contacts', 'A1', 'Full name');
    expect(measure(runtime, emailOf(3)).sheetCalls).toBeLessThanOrEqual(5);
    expect(measure(runtime, emailOf(4))).toMatchObject({ sheetCalls: 2, propertiesReads: 0 });
  });
});

describe.each([
  ['decoys', 20_000, 20],
  ['decoys', 5_000, 200],
  ['multi', 20_000, 20],
  ['multi', 5_000, 200],
] as const)('%s scenario, %i rows × %i columns', (scenario, rows, columns) => {
  const { sheet, email, matches } = scenarioSheet(scenario, rows, columns);
  const runtime = setUpRuntime([sheet]);
  lookup(runtime, emailOf(1));

  test('cold: at most 3 Sheets calls, and cells moved only around the matched rows', () => {
    forgetAnswers(runtime);
    const cold = measure(runtime, email);
    expect(cold.text).toContain(matches > 1 ? `Match 1 of ${MULTI_MATCHES}` : 'Name: Person');
    expect(cold.sheetCalls).toBeLessThanOrEqual(3);
    // The multi scenario's matches are 10 rows apart: read as one block of the rows between.
    expect(cold.cellsMoved).toBeLessThanOrEqual(matches > 1 ? 10 * columns * matches : columns);
  });

  test('warm: one cache read, no Sheets call', () => {
    expect(measure(runtime, email)).toMatchObject({ sheetCalls: 0, cacheReads: 1, propertiesReads: 0 });
  });
});

describe('freshness: every kind of staff edit shows in the very next lookup', () => {
  function warmed() {
    const runtime = setUpRuntime();
    expect(lookup(runtime, 'jane@example.com')).toContain('Company: Acme');
    expect(lookup(runtime, 'jane@example.com')).toContain('Company: Acme');
    return { runtime, sheet: runtime.spreadsheet.sheet('Contacts') };
  }

  test('a value changed (simple onEdit trigger)', () => {
    const { runtime } = warmed();
    runtime.edit('Contacts', 'C2', 'Acme Two');
    expect(lookup(runtime, 'jane@example.com')).toContain('Company: Acme Two');
  });

  test('rows inserted and deleted (installable onChange trigger)', () => {
    const { runtime, sheet } = warmed();
    runtime.structuralChange('INSERT_ROW', () => {
      sheet.rows.splice(1, 0, ['New Jane', 'jane@example.com']);
    });
    expect(lookup(runtime, 'jane@example.com')).toMatch(/^Match 1 of 2\nName: New Jane/);
    runtime.structuralChange('REMOVE_ROW', () => sheet.rows.splice(1, 1));
    expect(lookup(runtime, 'jane@example.com')).toMatch(/^Name: Jane Roe/);
    runtime.structuralChange('REMOVE_ROW', () => sheet.rows.splice(1, 1));
    expect(lookup(runtime, 'jane@example.com')).toBe('No contact found for jane@example.com');
  });

  test('rows sorted', () => {
    const runtime = setUpRuntime();
    const sheet = runtime.spreadsheet.sheet('Contacts');
    runtime.structuralChange('INSERT_ROW', () => sheet.rows.push(['Jane Again', 'jane@example.com']));
    expect(lookup(runtime, 'jane@example.com')).toMatch(/Match 1 of 2\nName: Jane Roe/);
    runtime.structuralChange('OTHER', () => {
      const [header, ...body] = sheet.rows;
      sheet.rows = [header, ...body.reverse()];
    });
    expect(lookup(runtime, 'jane@example.com')).toMatch(/Match 1 of 2\nName: Jane Again/);
  });

  test('a column hidden', () => {
    const { runtime, sheet } = warmed();
    runtime.structuralChange('OTHER', () => sheet.hidden.add(3));
    expect(lookup(runtime, 'jane@example.com')).not.toContain('Company');
  });

  test('a header renamed and a setting changed', () => {
    const { runtime } = warmed();
    runtime.edit('Contacts', 'C1', 'Organisation');
    expect(lookup(runtime, 'jane@example.com')).toContain('Organisation: Acme');
    setSetting(runtime, 'Answer template', '{{Name}}');
    expect(lookup(runtime, 'jane@example.com')).toBe('Jane Roe');
  });

  test('without any trigger, staleness is bounded by Cache minutes', () => {
    let now = Date.UTC(2026, 0, 1);
    const runtime = setUpRuntime(undefined, { now: () => now });
    lookup(runtime, 'jane@example.com');
    runtime.spreadsheet.sheet('Contacts').setCell(2, 3, 'Silent Co');
    expect(lookup(runtime, 'jane@example.com')).toContain('Company: Acme');
    now += 10 * 60 * 1000;
    expect(lookup(runtime, 'jane@example.com')).toContain('Company: Silent Co');
  });

  test('a column hidden with no trigger firing stops reaching agents within Cache minutes', () => {
    let now = Date.UTC(2026, 0, 1);
    const runtime = setUpRuntime(undefined, { now: () => now });
    setSetting(runtime, 'Cache minutes', '5');
    expect(lookup(runtime, 'jane@example.com')).toContain('Company: Acme');
    const hiddenAt = now;
    runtime.spreadsheet.sheet('Contacts').hidden.add(3);
    // Answers computed after the column was hidden, under the configuration built before it.
    now += 4 * 60 * 1000;
    runtime.cache.evict();
    expect(lookup(runtime, 'a.b@example.com')).toContain('Company: Bee');
    expect(lookup(runtime, 'jane@example.com')).toContain('Company: Acme');
    now = hiddenAt + 5 * 60 * 1000;
    expect(lookup(runtime, 'jane@example.com')).not.toContain('Company');
    expect(lookup(runtime, 'a.b@example.com')).not.toContain('Company');
  });
});

describe('cache problems only cost speed', () => {
  test('a throwing CacheService still answers from the sheet', () => {
    const runtime = setUpRuntime();
    runtime.meter.fault = (service) =>
      service === 'cache' ? new Error('Service invoked too many times: cache') : undefined;
    expect(lookup(runtime, 'jane@example.com')).toContain('Name: Jane Roe');
    expect(lookup(runtime, 'jane@example.com')).toContain('Name: Jane Roe');
  });
});
