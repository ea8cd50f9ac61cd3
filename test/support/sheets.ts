/** Large synthetic contact sheets for call-count tests and the benchmark. */
import { CellValue } from '../../local/gas/display';
import { SheetData } from '../../local/gas/spreadsheet';

export const WIDE_HEADERS = [
  'Name',
  'Email',
  'Company',
  'Plan',
  'Phone',
  'Country',
  'City',
  'Account manager',
  'Signup date',
  'Lifetime value',
  'Seats',
  'Industry',
  'Website',
  'Timezone',
  'Language',
  'Status',
  'Source',
  'Last contact',
  'Notes',
  '_Internal',
];

export function emailOf(i: number): string {
  return `person${i}@example.com`;
}

function headers(columns: number): string[] {
  return Array.from({ length: columns }, (_, i) => WIDE_HEADERS[i] ?? `Field ${i + 1}`);
}

function contactRow(i: number, columns: number, email = emailOf(i)): CellValue[] {
  const base: CellValue[] = [
    `Person ${i}`,
    email,
    `Company ${i % 977}`,
    ['Free', 'Pro', 'Business'][i % 3],
    `+1 555 ${String(i).padStart(6, '0')}`,
    'United States',
    'Springfield',
    'Dana Whitfield',
    '2024-01-15',
    1000 + (i % 5000),
    i % 50,
    'Software',
    `https://example.com/${i}`,
    'America/New_York',
    'English',
    'Active',
    'Web',
    '2025-06-01',
    `Note ${i}`,
    'x',
  ];
  return Array.from({ length: columns }, (_, c) => base[c] ?? `v${i}.${c}`);
}

/** `rows` contacts × `columns` columns; contact i has email person<i>@example.com. */
export function bigContactsSheet(rows: number, columns = 20): SheetData {
  const data: CellValue[][] = [headers(columns)];
  for (let i = 0; i < rows; i++) data.push(contactRow(i, columns));
  return { name: 'Contacts', rows: data };
}

export type Scenario = 'plain' | 'decoys' | 'multi';

/** The email the decoy and multi scenarios look up. */
export const TARGET = 'an@gmail.com';
/** How many rows hold the target in the multi scenario, in different cases and padding. */
export const MULTI_MATCHES = 5;

/**
 * A sheet for one benchmark scenario and the email to look up in it:
 * - plain: every contact distinct; the email looked up is near the end;
 * - decoys: `decoys` cells contain the target as a substring (ryan@gmail.com, an@gmail.com.au…), one equals it;
 * - multi: MULTI_MATCHES rows hold the target.
 */
export function scenarioSheet(scenario: Scenario, rows: number, columns = 20, decoys = Math.floor(rows / 10)) {
  const sheet = bigContactsSheet(rows, columns);
  if (scenario === 'plain') return { sheet, email: emailOf(Math.floor(rows * 0.9)), matches: 1 };
  const stride = Math.max(1, Math.floor(rows / Math.max(decoys, MULTI_MATCHES)));
  if (scenario === 'decoys') {
    const shapes = [
      (i: number) => `user${i}${TARGET}`,
      (i: number) => `${TARGET}.x${i}`,
      (i: number) => `x${i}.${TARGET}`,
    ];
    for (let d = 0; d < decoys; d++) sheet.rows[1 + d * stride][1] = shapes[d % shapes.length](d);
    sheet.rows[rows - 3] = contactRow(rows - 4, columns, TARGET);
    return { sheet, email: TARGET, matches: 1 };
  }
  const variants = [TARGET, TARGET.toUpperCase(), ` ${TARGET} `, 'An@Gmail.com', `\u00a0${TARGET}`];
  for (let m = 0; m < MULTI_MATCHES; m++) sheet.rows[1 + m * stride] = contactRow(m * stride, columns, variants[m]);
  return { sheet, email: TARGET, matches: MULTI_MATCHES };
}
