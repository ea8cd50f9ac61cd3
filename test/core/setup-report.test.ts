import { buildConfig } from '../../src/core/config';
import { SETTINGS_HEADER } from '../../src/core/settings';
import { contactFindings, SetupFacts, setupReport } from '../../src/core/setup-report';
import { sha256 } from './plain-ports';

function facts(
  over: Partial<SetupFacts> = {},
  settingsRows = [SETTINGS_HEADER],
  headers = ['Name', 'Email', '_Notes', 'Alt'],
): SetupFacts {
  const config = buildConfig(
    {
      tabNames: () => ['Contacts'],
      settingsRows: () => settingsRows,
      headerRow: () => headers,
      hiddenColumns: (_t, w) => Array.from({ length: w }, (_, i) => i === 3),
    },
    'id',
    'key',
    sha256,
    'b',
    0,
  );
  return {
    build: '1.0.0+abc',
    keySet: true,
    triggerInstalled: true,
    webAppUrl: 'https://script.google.com/macros/s/X/exec',
    lastLookup: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
    config,
    emailCells: [['a@x.co'], ['b@x.co']],
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
    expect(report).toContain('Last lookup: 2026-01-02 03:04:05 UTC.');
    expect(report).toContain('Version: 1.0.0+abc.');
    expect(report).toContain('Lookup log: off.');
  });

  test('each planted problem is reported', () => {
    const report = setupReport(
      facts(
        {
          keySet: false,
          triggerInstalled: false,
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

test('contactFindings counts contacts and lists only a few examples', () => {
  const cells = Array.from({ length: 12 }, (_, i) => [`bad ${i}`]);
  const found = contactFindings(cells, ['Email'], [0]);
  expect(found.contacts).toBe(0);
  expect(found.notEmails).toHaveLength(12);
  expect(setupReport(facts({ emailCells: cells }))).toContain('and 7 more');
});
