/**
 * Capacity: the email index keeps cold lookups from scanning the sheet and stays right when it
 * fails, and no Google budget (local/gas/budgets.ts, consumer limits on by default) ever produces a
 * wrong answer or, for a lookup, "unavailable".
 */
import { AppsScriptRuntime } from '../../local/gas/runtime';
import { emailHash } from '../../src/core/lookup/email-index';
import { CACHE_KEY } from '../../src/core/state/store-keys';
import { contactsSheet, lookup, PEOPLE, setSetting, setUpRuntime } from '../support/runtime';
import { bigContactsSheet, emailOf } from '../support/sheets';

const UNAVAILABLE = 'Contact lookup is unavailable right now. Please try again in a minute.';
const MINUTE = 60_000;

/** A runtime on its own clock, after Set up and one lookup (which built the configuration and the index). */
function clocked(sheets = [contactsSheet(PEOPLE)]) {
  let now = Date.UTC(2026, 11, 1, 9);
  const runtime = setUpRuntime(sheets, { now: () => now });
  lookup(runtime, 'warm-up@example.com');
  return {
    runtime,
    advance: (ms: number) => (now += ms),
    contacts: runtime.spreadsheet.sheet('Contacts'),
    /** Forgets cached answers only, as for a visitor not seen lately. */
    forgetAnswers: () => runtime.cache.evict((key) => key.includes(':answer:')),
    indexBuilds: () => runtime.logs.filter((l) => l.message.startsWith('Email index built')).length,
  };
}

const indexKeys = (runtime: AppsScriptRuntime) => Object.keys(runtime.cache.snapshot()).filter((k) => /:index/.test(k));

describe('the email index', () => {
  test('kept in a few long-lived cache items; a cold lookup reads only its row, an unknown email nothing', () => {
    const { runtime } = clocked([bigContactsSheet(20_000)]);
    expect(indexKeys(runtime).length).toBeGreaterThanOrEqual(2);
    expect(indexKeys(runtime).length).toBeLessThanOrEqual(5);
    runtime.meter.reset();
    expect(lookup(runtime, emailOf(12_345))).toContain('Name: Person 12345');
    expect(runtime.meter.counts).toMatchObject({ sheetCalls: 2, cellsMoved: 20 });
    runtime.meter.reset();
    expect(lookup(runtime, 'nobody@example.com')).toBe('No contact found for nobody@example.com');
    expect(runtime.meter.counts.sheetCalls).toBe(0);
  });

  test('an evicted shard: lookups search (reading only the rows found) and answer right; the next configuration rebuilds the index', () => {
    const t = clocked([bigContactsSheet(20_000)]);
    const builds = t.indexBuilds();
    t.runtime.cache.evict((key) => /:index:\d+:/.test(key));
    t.runtime.meter.reset();
    expect(lookup(t.runtime, emailOf(7))).toContain('Name: Person 7');
    // open, search (the one cell found), one row: never a read of the 20,000 emails in a lookup the index cannot answer.
    expect(t.runtime.meter.counts).toMatchObject({ sheetCalls: 3, cellsMoved: 21 });
    expect(t.indexBuilds()).toBe(builds);
    expect(lookup(t.runtime, 'nobody@example.com')).toBe('No contact found for nobody@example.com');
    // Cache minutes later the configuration is rebuilt, and the index with it.
    t.advance(11 * 60_000);
    expect(lookup(t.runtime, emailOf(9))).toContain('Name: Person 9');
    expect(t.indexBuilds()).toBe(builds + 1);
    t.forgetAnswers();
    t.runtime.meter.reset();
    expect(lookup(t.runtime, emailOf(8))).toContain('Name: Person 8');
    expect(t.runtime.meter.counts.sheetCalls).toBe(2);
  });

  test('rows moved by a change no trigger reported (an API insert): found all the same, at once', () => {
    const t = clocked();
    // Two rows inserted above the contacts through the API: no trigger fires, every contact moves down.
    t.contacts.rows.splice(1, 0, ['Inserted One', 'one@example.com'], ['Inserted Two', 'two@example.com']);
    expect(lookup(t.runtime, 'jane@example.com')).toMatch(/^Name: Jane Roe\nEmail: jane@example.com\nCompany: Acme/);
    expect(lookup(t.runtime, 'a.b@example.com')).toBe('Name: Ann B\nEmail: a.b@example.com\nCompany: Bee\nPlan: Free');
    // A row deleted the same way: its contact is no longer found, and no other contact is shown instead.
    t.contacts.rows.splice(2, 1);
    expect(lookup(t.runtime, 'two@example.com')).toBe('No contact found for two@example.com');
  });

  test('a contact added through the API (no trigger): found within Cache minutes, as any answer', () => {
    const t = clocked();
    expect(lookup(t.runtime, 'new@example.com')).toBe('No contact found for new@example.com');
    t.contacts.rows.push(['New Person', 'new@example.com', 'Newco']);
    t.forgetAnswers();
    // Until the index is Cache minutes old it may still say "not found", exactly as a cached answer may.
    expect([
      'No contact found for new@example.com',
      'Name: New Person\nEmail: new@example.com\nCompany: Newco',
    ]).toContain(lookup(t.runtime, 'new@example.com'));
    t.advance(10 * MINUTE);
    expect(lookup(t.runtime, 'new@example.com')).toBe('Name: New Person\nEmail: new@example.com\nCompany: Newco');
  });

  test('Cache minutes bounds the index as it bounds answers, and 0 keeps no index at all', () => {
    const t = clocked();
    setSetting(t.runtime, 'Cache minutes', '2');
    lookup(t.runtime, 'jane@example.com');
    t.contacts.rows.push(['Late', 'late@example.com']);
    t.advance(2 * MINUTE);
    expect(lookup(t.runtime, 'late@example.com')).toBe('Name: Late\nEmail: late@example.com');
    setSetting(t.runtime, 'Cache minutes', '0');
    lookup(t.runtime, 'jane@example.com');
    expect(indexKeys(t.runtime).filter((key) => key === CACHE_KEY.indexHead)).toHaveLength(1);
    t.contacts.rows.push(['At once', 'at.once@example.com']);
    expect(lookup(t.runtime, 'at.once@example.com')).toBe('Name: At once\nEmail: at.once@example.com');
  });

  test('staff edits: an email typed into the email column shows at once; other cells keep the index', () => {
    const t = clocked();
    const builds = t.indexBuilds();
    t.runtime.edit('Contacts', 'C2', 'Acme Two');
    expect(lookup(t.runtime, 'jane@example.com')).toContain('Company: Acme Two');
    expect(t.indexBuilds()).toBe(builds);
    t.runtime.edit('Contacts', 'B2', 'jane.new@example.com');
    expect(lookup(t.runtime, 'jane.new@example.com')).toContain('Name: Jane Roe');
    expect(lookup(t.runtime, 'jane@example.com')).toBe('No contact found for jane@example.com');
    // The Secondary email column is an email column too once Settings name it.
    setSetting(t.runtime, 'Extra email columns', 'Secondary email');
    lookup(t.runtime, 'warm-up@example.com');
    t.runtime.edit('Contacts', 'G3', 'ann.second@example.com');
    expect(lookup(t.runtime, 'ann.second@example.com')).toContain('Name: Ann B');
  });

  test('an email changed where onEdit did not see it (find and replace): the change trigger has the index rebuilt', () => {
    const t = clocked();
    t.advance(MINUTE);
    t.contacts.setCell(2, 2, 'jane.replaced@example.com');
    t.runtime.fireChange('EDIT');
    expect(lookup(t.runtime, 'jane.replaced@example.com')).toContain('Name: Jane Roe');
    expect(lookup(t.runtime, 'jane@example.com')).toBe('No contact found for jane@example.com');
  });

  test('two emails sharing a hash: the one not in the sheet is not found, the other is', () => {
    // Found once by trying c0@x.example, c1@x.example, … (about a million tries); checked here.
    const [inSheet, notInSheet] = ['c693596@x.example', 'c1170850@x.example'];
    expect(emailHash(inSheet)).toBe(emailHash(notInSheet));
    const t = clocked([contactsSheet([['Holder', inSheet]])]);
    expect(lookup(t.runtime, notInSheet)).toBe(`No contact found for ${notInSheet}`);
    expect(lookup(t.runtime, inSheet)).toBe(`Name: Holder\nEmail: ${inSheet}`);
  });

  test("the cache's item cap: answers are dropped before the index", () => {
    const t = clocked([bigContactsSheet(2_000)]);
    for (let i = 0; i < 1_100; i++) lookup(t.runtime, emailOf(i % 2_000));
    expect(t.runtime.cache.dropped).toBeGreaterThan(0);
    const builds = t.indexBuilds();
    t.forgetAnswers();
    expect(lookup(t.runtime, emailOf(1_500))).toContain('Name: Person 1500');
    expect(t.indexBuilds()).toBe(builds);
  });
});

describe('no budget turns a visitor away or gives a wrong answer', () => {
  test('the Sheets API per-minute quota spent: lookups and rebuilds go through SpreadsheetApp, the API rests', () => {
    const t = clocked([bigContactsSheet(3_000)]);
    t.runtime.budgets.limits.sheetsApiReadsPerMinutePerUser = 0;
    // A rebuild (a header edited) and rows far apart (the same email in rows 2, 1,500 and 2,500).
    t.runtime.edit('Contacts', 'B1500', emailOf(0));
    t.runtime.edit('Contacts', 'B2500', emailOf(0));
    t.runtime.edit('Contacts', 'C1', 'Organisation');
    expect(lookup(t.runtime, emailOf(0))).toMatch(
      /^Match 1 of 3\nName: Person 0\n[\s\S]*Match 2 of 3\nName: Person 1498\n[\s\S]*Match 3 of 3\nName: Person 2498/,
    );
    const asked = t.runtime.budgets.stats.sheetsApiReads;
    expect(t.runtime.budgets.stats.sheetsApiRefused).toBeGreaterThan(0);
    // Remembered: for a minute, no execution asks the API again.
    t.runtime.cache.evict((key) => key.includes(':answer:') || key === CACHE_KEY.config);
    t.runtime.edit('Contacts', 'A1', 'Full name');
    expect(lookup(t.runtime, emailOf(0))).toContain('Full name: Person 0');
    expect(t.runtime.budgets.stats.sheetsApiReads).toBe(asked);
    t.advance(MINUTE);
    t.runtime.budgets.limits.sheetsApiReadsPerMinutePerUser = 60;
    t.runtime.edit('Contacts', 'A1', 'Name');
    expect(lookup(t.runtime, emailOf(0))).toContain('Name: Person 0');
    expect(t.runtime.budgets.stats.sheetsApiReads).toBeGreaterThan(asked);
  });

  test('600 new visitors in one minute on a 5,000-row sheet: every one answered, the API hardly used', () => {
    const t = clocked([bigContactsSheet(5_000)]);
    const before = t.runtime.budgets.stats.sheetsApiReads;
    for (let i = 0; i < 600; i++) {
      t.advance(100);
      const email = i % 10 === 9 ? `new${i}@nowhere.example` : emailOf(i * 7);
      const text = lookup(t.runtime, email);
      expect(text).not.toBe(UNAVAILABLE);
      expect(text).toContain(i % 10 === 9 ? `No contact found for ${email}` : `Name: Person ${i * 7}\n`);
    }
    expect(t.runtime.budgets.stats.sheetsApiReads - before).toBe(0);
  });

  test('a passing Sheets API error (503) during a rebuild: the right answer through SpreadsheetApp', () => {
    const t = clocked();
    t.runtime.structuralChange('OTHER', () => t.contacts.hidden.add(3));
    t.runtime.budgets.failSheetsApi(1);
    expect(lookup(t.runtime, 'jane@example.com')).toBe(
      'Name: Jane Roe\nEmail: jane@example.com\nPlan: Pro\nPhone: 00123\nSecondary email: jane.alt@example.org',
    );
  });

  test('the Properties daily quota spent: lookups use the last confirmed state, edits still show, Check setup says so', () => {
    const t = clocked();
    expect(lookup(t.runtime, 'jane@example.com')).toContain('Company: Acme');
    t.runtime.budgets.limits.propertiesCallsPerDay = 0;
    // Long past the minute the cached generations are trusted, and past Cache minutes.
    t.advance(30 * MINUTE);
    expect(lookup(t.runtime, 'jane@example.com')).toContain('Company: Acme');
    expect(lookup(t.runtime, 'a.b@example.com')).toContain('Company: Bee');
    expect(lookup(t.runtime, 'nobody@example.com')).toBe('No contact found for nobody@example.com');
    expect(
      t.runtime.logs.some((l) => l.level === 'error' && l.message.includes('Script Properties could not be read')),
    ).toBe(true);
    // Staff edits: the triggers cannot write Script Properties, but announce the change in the cache.
    t.runtime.edit('Contacts', 'C2', 'Acme Two');
    expect(lookup(t.runtime, 'jane@example.com')).toContain('Company: Acme Two');
    t.runtime.edit('Contacts', 'B3', 'ann.new@example.com');
    expect(lookup(t.runtime, 'ann.new@example.com')).toContain('Name: Ann B');
    expect(lookup(t.runtime, 'a.b@example.com')).toBe('No contact found for a.b@example.com');
    // A wrong key is still refused: the key is the last confirmed one.
    expect(t.runtime.get('key=wrong&email=jane%40example.com').text).toBe(
      'Access denied: this contact lookup URL needs a valid key.',
    );
    t.runtime.ui.replies.push({ button: 'OK' });
    t.runtime.call('menuCheckSetup');
    const report = t.runtime.ui.shown[t.runtime.ui.shown.length - 1];
    expect(JSON.stringify(report)).toContain('Script Properties cannot be read right now');
    expect(JSON.stringify(report)).toContain(
      'lookups keep answering with the configuration and access key last confirmed',
    );
    // The next day the quota starts over and lookups read Script Properties again.
    t.advance(24 * 60 * MINUTE);
    t.runtime.budgets.limits.propertiesCallsPerDay = 50_000;
    expect(lookup(t.runtime, 'jane@example.com')).toContain('Company: Acme Two');
  });

  test("the day's trigger runtime spent: edits no trigger records show within Cache minutes, never wrong beyond", () => {
    const t = clocked();
    expect(lookup(t.runtime, 'jane@example.com')).toContain('Company: Acme');
    t.runtime.budgets.limits.triggerRuntimeMsPerDay = 0;
    t.runtime.edit('Contacts', 'C2', 'Acme Two');
    t.runtime.edit('Contacts', 'B3', 'ann.new@example.com');
    expect(t.runtime.budgets.stats.triggersNotRun).toBeGreaterThan(0);
    t.advance(10 * MINUTE);
    expect(lookup(t.runtime, 'jane@example.com')).toContain('Company: Acme Two');
    expect(lookup(t.runtime, 'ann.new@example.com')).toContain('Name: Ann B');
    expect(lookup(t.runtime, 'a.b@example.com')).toBe('No contact found for a.b@example.com');
  });
});
