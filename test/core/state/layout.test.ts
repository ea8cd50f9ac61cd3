import { buildLayout, chooseContactsTab } from '../../../src/core/state/layout';
import { defaultSettings, Settings } from '../../../src/core/state/settings';

const settings = (over: Partial<Settings> = {}): Settings => ({ ...defaultSettings(), ...over });

describe('chooseContactsTab', () => {
  test('Contacts if present, else the first tab, else the configured one', () => {
    expect(chooseContactsTab(['People', 'Contacts'], settings())).toEqual({ tab: 'Contacts' });
    expect(chooseContactsTab(['People', 'Other'], settings())).toEqual({ tab: 'People' });
    expect(chooseContactsTab(['People', 'Other'], settings({ contactsTab: 'Other' }))).toEqual({ tab: 'Other' });
    expect(chooseContactsTab(['People'], settings({ contactsTab: 'Gone' }))).toEqual({
      error: 'The contacts tab "Gone" named in Settings does not exist. Tabs: People.',
    });
    expect(chooseContactsTab([], settings())).toEqual({
      error: 'The spreadsheet has no tab for contacts: run Contact lookup > Set up to add a Contacts tab.',
    });
  });

  test('never a tab the app writes itself, whatever the order or the setting', () => {
    expect(chooseContactsTab(['Lookup log', 'Chats', 'Settings', 'People'], settings())).toEqual({ tab: 'People' });
    expect(chooseContactsTab(['Lookup log', 'Settings'], settings())).toHaveProperty('error');
    for (const tab of ['Settings', 'Lookup log', 'Chats']) {
      expect(chooseContactsTab(['People', tab], settings({ contactsTab: tab }))).toEqual({
        error: `The contacts tab named in Settings, "${tab}", is a tab the app writes itself: name the tab that holds the contacts.`,
      });
    }
  });
});

describe('buildLayout', () => {
  test.each(['Email', 'E-mail', 'email address', ' E-Mail  Address ', 'EMAIL'])(
    'finds the email column headed %j',
    (header) => {
      const result = buildLayout('Contacts', ['Name', header], [], settings());
      expect(result).toMatchObject({ ok: true, layout: { emailColumns: [1] } });
    },
  );

  test('does not take look-alike headers for the email column', () => {
    for (const header of ['Emails', 'Email 2', '_Email', 'Secondary email']) {
      expect(buildLayout('Contacts', ['Name', header], [], settings()).ok).toBe(false);
    }
  });

  test('hidden columns, "_" columns and unheaded columns are not visible; trailing blanks are dropped', () => {
    const result = buildLayout(
      'Contacts',
      ['Name', 'Email', '_Internal', '', 'Plan', 'Secret', ' ', ''],
      [false, false, false, false, false, true],
      settings(),
    );
    expect(result).toEqual({
      ok: true,
      layout: {
        tab: 'Contacts',
        headers: ['Name', 'Email', '_Internal', '', 'Plan', 'Secret'],
        emailColumns: [1],
        visibleColumns: [0, 1, 4],
      },
      problems: [],
    });
  });

  test('configured email column and extra email columns; missing extras are reported', () => {
    const result = buildLayout(
      'Contacts',
      ['Work mail', 'Name', 'Secondary email'],
      [],
      settings({ emailColumn: 'work MAIL', extraEmailColumns: ['Secondary Email', 'Nope', 'Work mail'] }),
    );
    expect(result).toEqual({
      ok: true,
      layout: expect.objectContaining({ emailColumns: [0, 2] }),
      problems: ['Extra email column "Nope" is not in row 1 of the "Contacts" tab; it is not searched.'],
    });
  });

  test('misconfigurations say precisely what to fix', () => {
    expect(buildLayout('Contacts', ['', ' '], [], settings())).toEqual({
      ok: false,
      error: 'Row 1 of the "Contacts" tab is empty: put the column headers (e.g. Name, Email) in row 1.',
    });
    expect(buildLayout('Contacts', ['Name'], [], settings())).toEqual({
      ok: false,
      error:
        'No email column in the "Contacts" tab: head a column "Email" in row 1, or set "Email column" in the Settings tab.',
    });
    expect(buildLayout('Contacts', ['Email'], [], settings({ emailColumn: 'Mail' }))).toEqual({
      ok: false,
      error: 'The email column "Mail" named in Settings is not in row 1 of the "Contacts" tab.',
    });
  });
});
