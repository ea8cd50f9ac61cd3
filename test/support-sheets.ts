/** Large synthetic contact sheets for call-count tests and the benchmark. */
import { CellValue } from '../local/gas/display';
import { SheetData } from '../local/gas/spreadsheet';

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

/** `rows` contacts × 20 columns; contact i has email person<i>@example.com. */
export function bigContactsSheet(rows: number): SheetData {
  const data: CellValue[][] = [WIDE_HEADERS];
  for (let i = 0; i < rows; i++) {
    data.push([
      `Person ${i}`,
      emailOf(i),
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
    ]);
  }
  return { name: 'Contacts', rows: data };
}
