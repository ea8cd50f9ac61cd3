/** tabs/tabs: the tabs the app writes itself are never taken for the contacts. */
import { CHATS_TAB, DEFAULT_CONTACTS_TAB, isAppTab, LOOKUP_LOG_TAB, SETTINGS_TAB } from '../../../src/core/tabs/tabs';

test('Settings, Lookup log and Chats are the app’s own tabs; the contacts tab and others are not', () => {
  expect([SETTINGS_TAB, LOOKUP_LOG_TAB, CHATS_TAB].map(isAppTab)).toEqual([true, true, true]);
  expect([DEFAULT_CONTACTS_TAB, 'Customers', 'Chats 2025', ''].map(isAppTab)).toEqual([false, false, false, false]);
});
