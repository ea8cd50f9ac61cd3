import { buildConfig } from '../../../src/core/state/config';
import { SETTINGS_HEADER } from '../../../src/core/state/settings';
import { contactFindings, SetupFacts, setupReport } from '../../../src/core/admin/setup-report';
import { cellsPerDay } from '../../../src/core/admin/capacity';
import { sha256 } from '../../support/plain-ports';

function facts(
  over: Partial<SetupFacts> = {},
  settingsRows = [SETTINGS_HEADER],
  headers = ['Name', 'Email', '_Notes', 'Alt'],
): SetupFacts {
  const config = buildConfig(
    {
      tabs: ['Contacts'],
      settingsRows,
      headers: { Contacts: { cells: headers, hidden: headers.map((_, i) => i === 3) } },
    },
    { spreadsheetId: 'id', accessKey: 'key', structureGeneration: 's', now: 0, sha256 },
  );
  return {
    build: '1.0.0+abc',
    keySet: true,
    trigger: { kind: 'mine', id: 't1', recorded: true, installedAt: Date.UTC(2026, 0, 1, 9, 30) },
    webAppUrl: 'https://script.google.com/macros/s/X/exec',
    lastLookup: Date.UTC(2026, 0, 2, 3, 4, 5),
    config,
    emailCells: [['a@x.co'], ['b@x.co']],
    chats: undefined,
    ...over,
  };
}

describe('setupReport', () => {
  test('all well', () => {
    const report = setupReport(facts());
    expect(report).toMatch(/^Everything needed for lookups is in place\./);
    expect(report).toContain('Contacts tab: "Contacts", email searched in "Email".');
    expect(report).toContain('Contacts with an email: 2.');
    expect(report).toContain('Columns agents never see (hidden, or starting with _): "_Notes", "Alt".');
    expect(report).toContain('Last lookup: 2026-01-02 03:04 UTC.');
    expect(report).toContain('Change trigger: installed by this account on 2026-01-01 09:30 UTC.');
    expect(report).toContain('Version: 1.0.0+abc.');
    expect(report).toContain('Lookup log: off.');
  });

  test('each planted problem is reported', () => {
    const report = setupReport(
      facts(
        {
          keySet: false,
          trigger: { kind: 'none' },
          webAppUrl: undefined,
          lastLookup: undefined,
          emailCells: [['a@x.co'], ['A@x.co '], ['not-an-email'], ['']],
        },
        [SETTINGS_HEADER, ['Max matches', 'lots'], ['Answer template', '{{Name}} {{Plan}}']],
      ),
    );
    expect(report).toContain('Access key: missing. Run Contact lookup > Set up.');
    expect(report).toContain('Change trigger: not installed');
    expect(report).toContain('Web app URL: not known yet');
    expect(report).toContain('Emails on more than one row (agents see every row): a@x.co (rows 2, 3).');
    expect(report).toContain('Cells in an email column that are not emails: row 4, Email: "not-an-email".');
    expect(report).toContain(
      'Settings row 2: "Max matches" must be a whole number from 1 to 50; using the default (5).',
    );
    expect(report).toContain('Answer template: no visible column for {{plan}}');
    expect(report).toContain('Last lookup: none in the last 6 hours.');
    expect(report).toMatch(/^6 things to fix\./);
  });

  test('a misconfigured sheet is reported with the reason', () => {
    const report = setupReport(facts({}, [SETTINGS_HEADER], ['Name', 'Phone']));
    expect(report).toContain('Contacts: No email column in the "Contacts" tab');
  });
});

describe('the change trigger, with several admins', () => {
  const installedAt = Date.UTC(2026, 0, 1, 9, 30);
  test("another account's trigger: not seen from here, reported as working while it runs", () => {
    const report = setupReport(
      facts({ trigger: { kind: 'another-account', installedAt, ranAt: Date.UTC(2026, 0, 3), seemsGone: false } }),
    );
    expect(report).toMatch(/^Everything needed/);
    expect(report).toContain(
      'Change trigger: installed by another Google account on 2026-01-01 09:30 UTC; this account cannot see it',
    );
    expect(report).toContain('It last ran 2026-01-03 00:00 UTC.');
  });

  test('a trigger that stopped running while the sheet was edited is a problem, with what to do', () => {
    const trigger = {
      kind: 'another-account' as const,
      installedAt,
      ranAt: installedAt,
      editedAt: Date.UTC(2026, 0, 5),
      seemsGone: true,
    };
    const report = setupReport(facts({ trigger }));
    expect(report).toMatch(/^1 thing to fix\./);
    expect(report).toContain('although the sheet was edited 2026-01-05 00:00 UTC');
    expect(report).toContain('Run Contact lookup > Set up to install it under this account.');
  });

  test('one of this account, not recorded yet: a note to run Set up', () => {
    expect(setupReport(facts({ trigger: { kind: 'mine', id: 't', recorded: false } }))).toContain('not recorded');
  });
});

test('contactFindings counts contacts and lists only a few examples', () => {
  const cells = Array.from({ length: 12 }, (_, i) => [`bad ${i}`]);
  const found = contactFindings(cells, ['Email'], [0]);
  expect(found.contacts).toBe(0);
  expect(found.notEmails).toHaveLength(12);
  expect(setupReport(facts({ emailCells: cells }))).toContain('and 7 more');
});

describe('room in the spreadsheet, chats waiting, chats today', () => {
  const capacity = (cells: number, perDay = 0) => ({
    cells,
    cellsPerDay: perDay,
    pendingChats: 0,
    chatsToday: 12,
    chatsPerDay: 5000,
  });

  test('below 80%: a note with the days left at the recent rate', () => {
    const report = setupReport(facts({ capacity: capacity(1_000_000, 13_000) }));
    expect(report).toMatch(/^Everything needed for lookups is in place\./);
    expect(report).toContain(
      "Spreadsheet size: 1,000,000 of Google's 10,000,000 cells (10%); the app's tabs grew by about 13,000 cells a day over the last 7 days, so new chats and log rows stop (at 90%) in about 615 days.",
    );
    expect(report).toContain('Chats recorded today: 12 of 5,000 (Chats per day).');
    expect(report).toContain('Chats waiting in Script Properties to be written to the Chats tab: 0');
  });

  test('from 80%: to fix, with what to do; from 90%: refused', () => {
    expect(setupReport(facts({ capacity: capacity(8_000_000) }))).toMatch(
      /^1 thing to fix\.[\s\S]*\(80%\)\. New chats and Lookup log rows are refused from 90%/,
    );
    expect(setupReport(facts({ capacity: capacity(9_000_000) }))).toMatch(
      /\(90%\)\. New chats and Lookup log rows are refused now/,
    );
  });

  test('chats waiting in Script Properties are counted; no limit is said so', () => {
    const report = setupReport(
      facts({ capacity: { ...capacity(100), pendingChats: 3, chatsToday: 1, chatsPerDay: 0 } }),
    );
    expect(report).toContain('Chats waiting in Script Properties to be written to the Chats tab: 3');
    expect(report).toContain('Chats recorded today: 1 (Chats per day: no limit).');
  });
});

test('cells per day: rows of the last 7 days times their width', () => {
  const now = Date.UTC(2026, 10, 30);
  const recent = Array.from({ length: 70 }, (_, i) => new Date(now - i * 3_600_000));
  expect(cellsPerDay([{ times: [...recent, new Date(0), ''], width: 13 }], now)).toBe(130);
});
