/**
 * tabs/: the app's own tabs — their names, and appending to them (with pruning) under the script lock.
 *
 * The tabs the app knows by name. The ones it writes itself are never taken for the contacts.
 */
export const DEFAULT_CONTACTS_TAB = 'Contacts';
export const SETTINGS_TAB = 'Settings';
export const LOOKUP_LOG_TAB = 'Lookup log';
export const CHATS_TAB = 'Chats';

/** Tabs the app creates and writes; searching them as contacts would show agents the wrong data. */
const APP_TABS: readonly string[] = [SETTINGS_TAB, LOOKUP_LOG_TAB, CHATS_TAB];

export function isAppTab(name: string): boolean {
  return APP_TABS.includes(name);
}
