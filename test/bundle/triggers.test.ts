/**
 * The change trigger with several admins. Installable triggers belong to the account that made
 * them, ScriptApp lists only the current account's, and they go when that account goes.
 */
import { AppsScriptRuntime, OWNER } from '../../local/gas/runtime';
import { lookup, setUpRuntime } from '../support/runtime';

const SECOND_ADMIN = 'second.admin@example.com';

function lastMessage(runtime: AppsScriptRuntime): string {
  return runtime.ui.shown[runtime.ui.shown.length - 1].message;
}

function checkSetup(runtime: AppsScriptRuntime): string {
  runtime.call('menuCheckSetup');
  return lastMessage(runtime);
}

function twoAdmins() {
  let now = Date.UTC(2026, 10, 30, 9);
  const runtime = setUpRuntime(undefined, { now: () => now });
  const advance = (ms: number) => (now += ms);
  runtime.edit('Contacts', 'C2', 'Acme'); // the first admin's trigger runs
  lookup(runtime, 'jane@example.com'); // a live request notes the web app's URL
  runtime.user = SECOND_ADMIN;
  return { runtime, advance };
}

test("a second admin's Set up adds no second trigger and keeps the key", () => {
  const { runtime } = twoAdmins();
  const key = runtime.accessKey();
  runtime.ui.replies.push({ button: 'CANCEL' }, { button: 'OK' });
  runtime.call('menuSetUp');
  expect(runtime.scriptApp.allTriggers().map((t) => t.owner)).toEqual([OWNER, OWNER]);
  expect(runtime.accessKey()).toBe(key);
  expect(lastMessage(runtime)).toContain(
    'The change trigger was installed by another Google account on 2026-11-30 09:00 UTC; it keeps working for everyone, so no second one was added.',
  );
});

test("the second admin's Check setup says who installed it, when, and that it runs", () => {
  const { runtime } = twoAdmins();
  const report = checkSetup(runtime);
  expect(report).toMatch(/^Everything needed for lookups is in place\./);
  expect(report).toContain(
    'Change trigger: installed by another Google account on 2026-11-30 09:00 UTC; this account cannot see it',
  );
  expect(report).toContain('It last ran 2026-11-30 09:00 UTC.');
  runtime.user = OWNER;
  expect(checkSetup(runtime)).toContain('Change trigger: installed by this account on 2026-11-30 09:00 UTC.');
});

test("when the installer's account goes, Check setup says so, and Set up puts the trigger under this account", () => {
  const { runtime, advance } = twoAdmins();
  runtime.scriptApp.removeAccount(OWNER);
  advance(2 * 3_600_000);
  runtime.edit('Contacts', 'C2', 'Acme Two'); // only the simple onEdit trigger runs now
  expect(lookup(runtime, 'jane@example.com')).toContain('Company: Acme Two');
  const report = checkSetup(runtime);
  expect(report).toMatch(/^1 thing to fix\./);
  expect(report).toContain(
    'Change trigger: installed by another Google account, but it has not run since 2026-11-30 09:00 UTC although the sheet was edited 2026-11-30 11:00 UTC',
  );

  runtime.ui.replies.push({ button: 'YES' }, { button: 'CANCEL' }, { button: 'OK' });
  runtime.call('menuSetUp');
  expect(runtime.ui.shown.map((s) => s.title)).toContain('Change trigger not running');
  // Both triggers go with their installer's account, and come back under the second admin's.
  expect(runtime.scriptApp.allTriggers().map((t) => [t.handler, t.owner])).toEqual([
    ['onSheetChange', SECOND_ADMIN],
    ['onPendingChatsTimer', SECOND_ADMIN],
  ]);
  expect(checkSetup(runtime)).toContain('Change trigger: installed by this account on 2026-11-30 11:00 UTC.');

  // Row changes are seen again: the new trigger runs as its owner.
  runtime.structuralChange('INSERT_ROW', () =>
    runtime.spreadsheet.sheet('Contacts').rows.push(['New', 'new@example.com']),
  );
  expect(lookup(runtime, 'new@example.com')).toContain('Name: New');
});

test('an edit costs the change trigger no Properties call once onEdit recorded it, yet it still notes a run within the hour', () => {
  const { runtime, advance } = twoAdmins();
  const propertiesCalls = () => runtime.budgets.stats.propertiesCalls;
  advance(60_000);
  let before = propertiesCalls();
  runtime.call('onEdit', { range: runtime.spreadsheet.sheet('Contacts').getRange('C2') });
  const byOnEdit = propertiesCalls() - before;
  before = propertiesCalls();
  runtime.fireChange('EDIT');
  expect(propertiesCalls() - before).toBe(0);
  expect(byOnEdit).toBe(2);
  // Half an hour on, the next edit's change trigger notes its run again, so Check setup sees it alive.
  advance(31 * 60_000);
  runtime.edit('Contacts', 'C2', 'Acme Three');
  expect(checkSetup(runtime)).toContain('It last ran 2026-11-30 09:32 UTC.');
  // onEdit not run (an edit it did not see): the change trigger records it.
  advance(60_000);
  runtime.spreadsheet.sheet('Contacts').setCell(2, 3, 'Acme Four');
  runtime.fireChange('EDIT');
  expect(lookup(runtime, 'jane@example.com')).toContain('Company: Acme Four');
});
