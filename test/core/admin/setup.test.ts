import { TriggerPort } from '../../../src/core/admin/change-trigger';
import { StructureSnapshot } from '../../../src/core/state/config';
import { AppTabSpec, CellValue } from '../../../src/core/ports';
import { generationsIn } from '../../../src/core/state/freshness';
import { SetupDeps, SetupSheet, setUp, inspectChangeTrigger } from '../../../src/core/admin/setup';
import { PROPERTY } from '../../../src/core/state/store-keys';
import { isAppTab } from '../../../src/core/tabs/tabs';
import { plainPlatform } from '../../support/plain-ports';

/** Tabs as rows of display values; written values lose the apostrophe that keeps them text, as in Sheets. */
class MemorySheet implements SetupSheet {
  spreadsheetId = 'sheet-1';
  constructor(public data: Record<string, string[][]> = {}) {}
  structure(): StructureSnapshot {
    const tabs = Object.keys(this.data);
    const headers = Object.fromEntries(
      tabs.filter((tab) => !isAppTab(tab)).map((tab) => [tab, { cells: this.data[tab][0] ?? [], hidden: [] }]),
    );
    return { tabs, headers, settingsRows: this.data.Settings?.map((row) => row.slice(0, 2)) ?? null };
  }
  /** Columns each tab's grid has beyond what it uses, as a new tab's 26 would. */
  spare: Record<string, number> = {};
  trimColumns(tabs: AppTabSpec[]) {
    return tabs.reduce((freed, { name }) => {
      const cells = (this.spare[name] ?? 0) * (this.data[name]?.length ?? 0);
      delete this.spare[name];
      return freed + cells;
    }, 0);
  }
  append({ name, headers }: AppTabSpec, rows: CellValue[][]) {
    this.data[name] ??= [headers];
    this.data[name].push(...rows.map((row) => row.map((value) => String(value).replace(/^'/, ''))));
  }
}

/** ScriptApp's triggers as accounts see them: each lists its own. */
class AccountTriggers {
  owners = new Map<string, string>();
  timers = new Map<string, string>();
  account = 'admin-a';
  next = 1;
  port(): TriggerPort {
    return {
      ownChangeTriggerIds: () => [...this.owners].filter(([, owner]) => owner === this.account).map(([id]) => id),
      installChangeTrigger: () => {
        const id = `t${this.next++}`;
        this.owners.set(id, this.account);
        return id;
      },
      ownTimerTriggerIds: () => [...this.timers].filter(([, owner]) => owner === this.account).map(([id]) => id),
      installTimerTrigger: () => {
        const id = `timer${this.timers.size + 1}`;
        this.timers.set(id, this.account);
        return id;
      },
    };
  }
}

function deps(sheet = new MemorySheet(), triggers = new AccountTriggers()) {
  const platform = plainPlatform();
  let keys = 0;
  const d: SetupDeps = { platform, sheet, triggers: triggers.port(), newAccessKey: () => `key-${++keys}` };
  return { ...d, platform, accounts: triggers };
}

describe('setUp', () => {
  test('on an empty spreadsheet: Contacts and Settings tabs, a key, one trigger, all recorded', () => {
    const d = deps();
    const result = setUp(d, { replaceGoneTrigger: false });
    expect(Object.keys((d.sheet as MemorySheet).data)).toEqual(['Contacts', 'Settings']);
    expect(result.key).toBe('key-1');
    expect(result.done).toEqual([
      'Created the "Contacts" tab with headers; add one contact per row.',
      'Created the "Settings" tab; each row says what its setting does.',
      'Installed the change trigger that keeps answers up to date.',
      'Installed a trigger that runs every 15 minutes to write chats the spreadsheet could not take at once.',
      'Created the access key.',
    ]);
    const properties = d.platform.properties.getAll();
    expect(properties).toMatchObject({
      [PROPERTY.accessKey]: 'key-1',
      [PROPERTY.spreadsheetId]: 'sheet-1',
      [PROPERTY.triggerId]: 't1',
    });
    expect(generationsIn(properties)).toBeDefined();
  });

  test('again: nothing new, the same key, no second trigger', () => {
    const d = deps();
    setUp(d, { replaceGoneTrigger: false });
    const again = setUp(d, { replaceGoneTrigger: false });
    expect(again).toMatchObject({ done: [], key: 'key-1' });
    expect(d.accounts.owners.size).toBe(1);
  });

  test('a tab with an email column counts as the contacts; existing settings are kept and completed', () => {
    const sheet = new MemorySheet({
      People: [['Name', 'E-mail']],
      Settings: [
        ['Setting', 'Value'],
        ['Max matches', '2'],
      ],
    });
    const result = setUp(deps(sheet), { replaceGoneTrigger: false });
    expect(Object.keys(sheet.data)).toEqual(['People', 'Settings']);
    expect(sheet.data.Settings[1]).toEqual(['Max matches', '2']);
    expect(sheet.data.Settings.filter((r) => r[0] === 'Max matches')).toHaveLength(1);
    expect(result.done[0]).toMatch(/^Added \d+ new setting\(s\)/);
  });

  test("a second admin's Set up adds no second trigger, and says whose it is", () => {
    const triggers = new AccountTriggers();
    const d = deps(new MemorySheet(), triggers);
    setUp(d, { replaceGoneTrigger: false });
    triggers.account = 'admin-b';
    expect(inspectChangeTrigger(d)).toMatchObject({ kind: 'another-account', seemsGone: false });
    const result = setUp(d, { replaceGoneTrigger: true });
    expect(triggers.owners.size).toBe(1);
    expect(result.done.join()).toContain('installed by another Google account');
  });

  test("when the other account's trigger no longer runs, Set up installs one under this account if asked", () => {
    const triggers = new AccountTriggers();
    const d = deps(new MemorySheet(), triggers);
    setUp(d, { replaceGoneTrigger: false });
    triggers.owners.clear(); // admin-a's account was removed, and its trigger with it
    triggers.account = 'admin-b';
    d.platform.advance(2 * 3_600_000);
    d.platform.properties.setAll({ [PROPERTY.editedAt]: String(d.platform.now()) });
    expect(inspectChangeTrigger(d)).toMatchObject({ kind: 'another-account', seemsGone: true });
    expect(setUp(d, { replaceGoneTrigger: false }).done.join()).toContain('no second one was added');
    expect(triggers.owners.size).toBe(0);
    expect(setUp(d, { replaceGoneTrigger: true }).done).toContain(
      'Installed the change trigger under this account: the one another account installed no longer runs.',
    );
    expect([...triggers.owners.values()]).toEqual(['admin-b']);
    expect(d.platform.properties.getAll()[PROPERTY.triggerId]).toBe('t2');
    // The timer trigger went with admin-a's account too: it comes back under admin-b's.
    expect([...triggers.timers]).toEqual([
      ['timer1', 'admin-a'],
      ['timer2', 'admin-b'],
    ]);
  });

  test('a trigger this account made before it was recorded is recorded, not duplicated', () => {
    const triggers = new AccountTriggers();
    triggers.port().installChangeTrigger();
    const d = deps(new MemorySheet(), triggers);
    setUp(d, { replaceGoneTrigger: false });
    expect(triggers.owners.size).toBe(1);
    expect(d.platform.properties.getAll()[PROPERTY.triggerId]).toBe('t1');
  });
});

test('settings are written as text (apostrophe first), so Sheets keeps "(empty)", "off" and numbers as typed', () => {
  const d = deps();
  const written: string[][] = [];
  const append = d.sheet.append.bind(d.sheet);
  d.sheet.append = (tab, rows) => {
    if (tab.name === 'Settings') written.push(...rows.map((row) => row.map(String)));
    return append(tab, rows);
  };
  setUp(d, { replaceGoneTrigger: false });
  expect(written.find((row) => row[0] === "'Max matches")).toEqual(["'Max matches", "'5", expect.stringMatching(/^'/)]);
  expect(written.flat().every((value) => value === '' || value.startsWith("'"))).toBe(true);
});
