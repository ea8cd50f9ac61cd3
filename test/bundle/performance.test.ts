/**
 * The call counts that make lookups fast at any sheet size, pinned so a regression fails CI. The
 * benchmark (npm run bench) prints the same counts with timings.
 */
import { bigContactsSheet, emailOf } from '../support-sheets';
import { lookup, setUpRuntime, setSetting } from '../support';
import { AppsScriptRuntime } from '../../local/gas/runtime';

function measure(runtime: AppsScriptRuntime, email: string) {
  runtime.meter.reset();
  const text = lookup(runtime, email);
  return { text, ...runtime.meter.counts };
}

describe.each([1_000, 20_000])('%i rows × 20 columns', (rows) => {
  const runtime = setUpRuntime([bigContactsSheet(rows)]);
  const email = emailOf(rows - 7);
  lookup(runtime, emailOf(1)); // the first lookup after Set up builds the configuration

  test('cold (empty cache): 3 Spreadsheet calls, 1 Properties read, 1 cache read; header-plus-match cells', () => {
    runtime.cache.clear();
    const cold = measure(runtime, email);
    expect(cold.text).toContain(`Name: Person ${rows - 7}`);
    expect(cold).toMatchObject({ sheetCalls: 3, cellsMoved: 1 + 20, propertiesReads: 1, cacheReads: 1 });
  });

  test('warm: no Spreadsheet call, no Properties read, one cache read', () => {
    const warm = measure(runtime, email);
    expect(warm.text).toContain(`Name: Person ${rows - 7}`);
    expect(warm).toMatchObject({ sheetCalls: 0, cellsMoved: 0, propertiesReads: 0, cacheReads: 1 });
  });

  test('after an edit: fresh answer with 3 Spreadsheet calls and no Properties read', () => {
    const sheet = runtime.spreadsheet.sheet('Contacts');
    sheet.getRange(rows - 7 + 2, 3).setValue('Edited Co');
    runtime.call('onEdit', { range: sheet.getRange(rows - 7 + 2, 3) });
    const after = measure(runtime, email);
    expect(after.text).toContain('Company: Edited Co');
    expect(after).toMatchObject({ sheetCalls: 3, cellsMoved: 21, propertiesReads: 0, cacheReads: 1 });
  });
});

test('after a settings or header edit, one lookup rebuilds the configuration: 9 calls plus one per column', () => {
  const runtime = setUpRuntime([bigContactsSheet(5_000)]);
  lookup(runtime, emailOf(1));
  setSetting(runtime, 'Max matches', '4');
  const rebuild = measure(runtime, emailOf(2));
  expect(rebuild).toMatchObject({ sheetCalls: 9 + 20, propertiesReads: 1, propertiesWrites: 1 });
  expect(measure(runtime, emailOf(3))).toMatchObject({ sheetCalls: 3, propertiesReads: 0 });
});

describe('freshness: every kind of staff edit shows in the very next lookup', () => {
  function warmed() {
    const runtime = setUpRuntime();
    expect(lookup(runtime, 'jane@example.com')).toContain('Company: Acme');
    expect(lookup(runtime, 'jane@example.com')).toContain('Company: Acme');
    return { runtime, sheet: runtime.spreadsheet.sheet('Contacts') };
  }

  test('a value changed (simple onEdit trigger)', () => {
    const { runtime, sheet } = warmed();
    sheet.getRange('C2').setValue('Acme Two');
    runtime.call('onEdit', { range: sheet.getRange('C2') });
    expect(lookup(runtime, 'jane@example.com')).toContain('Company: Acme Two');
  });

  test('rows inserted and deleted (installable onChange trigger)', () => {
    const { runtime, sheet } = warmed();
    sheet.insertRowBefore(2);
    sheet.getRange(2, 1, 1, 2).setValues([['New Jane', 'jane@example.com']]);
    runtime.call('onSheetChange', { changeType: 'INSERT_ROW' });
    expect(lookup(runtime, 'jane@example.com')).toMatch(/^Match 1 of 2\nName: New Jane/);
    sheet.deleteRows(2, 1);
    runtime.call('onSheetChange', { changeType: 'REMOVE_ROW' });
    expect(lookup(runtime, 'jane@example.com')).toMatch(/^Name: Jane Roe/);
    sheet.deleteRows(2, 1);
    runtime.call('onSheetChange', { changeType: 'REMOVE_ROW' });
    expect(lookup(runtime, 'jane@example.com')).toBe('No contact found for jane@example.com');
  });

  test('rows sorted', () => {
    const runtime = setUpRuntime();
    const sheet = runtime.spreadsheet.sheet('Contacts');
    sheet.rows.push(['Jane Again', 'jane@example.com']);
    runtime.call('onSheetChange', { changeType: 'INSERT_ROW' });
    expect(lookup(runtime, 'jane@example.com')).toMatch(/Match 1 of 2\nName: Jane Roe/);
    const [header, ...body] = sheet.rows;
    sheet.rows = [header, ...body.reverse()];
    runtime.call('onSheetChange', { changeType: 'OTHER' });
    expect(lookup(runtime, 'jane@example.com')).toMatch(/Match 1 of 2\nName: Jane Again/);
  });

  test('a column hidden', () => {
    const { runtime, sheet } = warmed();
    sheet.hideColumns(3);
    runtime.call('onSheetChange', { changeType: 'OTHER' });
    expect(lookup(runtime, 'jane@example.com')).not.toContain('Company');
  });

  test('a header renamed and a setting changed', () => {
    const { runtime, sheet } = warmed();
    sheet.getRange('C1').setValue('Organisation');
    runtime.call('onEdit', { range: sheet.getRange('C1') });
    expect(lookup(runtime, 'jane@example.com')).toContain('Organisation: Acme');
    setSetting(runtime, 'Answer template', '{{Name}}');
    expect(lookup(runtime, 'jane@example.com')).toBe('Jane Roe');
  });

  test('without any trigger, staleness is bounded by Cache minutes', () => {
    let now = Date.UTC(2026, 0, 1);
    const runtime = setUpRuntime(undefined, { now: () => now });
    lookup(runtime, 'jane@example.com');
    runtime.spreadsheet.sheet('Contacts').getRange('C2').setValue('Silent Co');
    expect(lookup(runtime, 'jane@example.com')).toContain('Company: Acme');
    now += 10 * 60 * 1000;
    expect(lookup(runtime, 'jane@example.com')).toContain('Company: Silent Co');
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
