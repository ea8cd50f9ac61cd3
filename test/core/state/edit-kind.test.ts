import { changeOfEdit } from '../../../src/core/state/edit-kind';
import { PROPERTY } from '../../../src/core/state/store-keys';
import { buildConfig } from '../../../src/core/state/config';
import { SETTINGS_HEADER } from '../../../src/core/state/settings';

const headers = ['Name', 'Email', 'Company', 'Secondary email'];
const config = buildConfig(
  {
    tabs: ['Contacts', 'Settings', 'Chats'],
    settingsRows: [SETTINGS_HEADER, ['Extra email columns', 'Secondary email']],
    headers: { Contacts: { cells: headers, hidden: headers.map(() => false) } },
  },
  { spreadsheetId: 'id', accessKey: 'k', structureGeneration: 's1', now: 0, sha256: (t) => t },
);
const properties = { [PROPERTY.structureGeneration]: 's1', [PROPERTY.config]: JSON.stringify(config) };
const edit = (tab: string, row: number, column: number, lastColumn = column) => ({ tab, row, column, lastColumn });

test('row 1, the Settings tab, or an edit without a range: structure', () => {
  expect(changeOfEdit(edit('Contacts', 1, 3), properties)).toBe('structure');
  expect(changeOfEdit(edit('Settings', 5, 2), properties)).toBe('structure');
  expect(changeOfEdit(undefined, properties)).toBe('structure');
});

test('a cell in an email column of the contacts tab, or a range spanning one: emails', () => {
  expect(changeOfEdit(edit('Contacts', 9, 2), properties)).toBe('emails');
  expect(changeOfEdit(edit('Contacts', 9, 4), properties)).toBe('emails');
  expect(changeOfEdit(edit('Contacts', 9, 1, 3), properties)).toBe('emails');
});

test('any other cell: content only', () => {
  expect(changeOfEdit(edit('Contacts', 9, 3), properties)).toBe('content');
  expect(changeOfEdit(edit('Contacts', 9, 5, 9), properties)).toBe('content');
  expect(changeOfEdit(edit('Chats', 9, 2), properties)).toBe('content');
});

test('no kept configuration of the current structure: the emails, to be safe', () => {
  expect(changeOfEdit(edit('Contacts', 9, 3), {})).toBe('emails');
  expect(changeOfEdit(edit('Contacts', 9, 3), { ...properties, [PROPERTY.structureGeneration]: 's2' })).toBe('emails');
  expect(changeOfEdit(edit('Contacts', 9, 3), { ...properties, [PROPERTY.config]: '{broken' })).toBe('emails');
});
