/**
 * Where the contacts are: which tab, which columns hold emails, which columns agents may see.
 */
import { CONFIG_ERROR } from '../messages';
import { Settings } from './settings';
import { DEFAULT_CONTACTS_TAB, isAppTab } from '../tabs/tabs';
import { normalizeName } from '../text';
const EMAIL_HEADERS = ['email', 'emailaddress'];

export interface Layout {
  tab: string;
  /** Row 1's display values, trimmed, up to the last non-empty header. */
  headers: string[];
  /** 0-based indexes of the columns searched for the email, main column first. */
  emailColumns: number[];
  /** 0-based indexes of the columns agents see: headed, not hidden, not starting with `_`. */
  visibleColumns: number[];
}

export type LayoutResult = { ok: true; layout: Layout; problems: string[] } | { ok: false; error: string };

/**
 * The tab to read, or an admin-facing error: the one Settings names, else Contacts, else the first
 * tab. A tab the app writes itself (Settings, Lookup log, Chats) is never the contacts, whatever the
 * tab order, and naming one in Settings is an error.
 */
export function chooseContactsTab(tabNames: string[], settings: Settings): { tab: string } | { error: string } {
  const candidates = tabNames.filter((name) => !isAppTab(name));
  const named = settings.contactsTab;
  if (!named) {
    const tab = candidates.includes(DEFAULT_CONTACTS_TAB) ? DEFAULT_CONTACTS_TAB : candidates[0];
    return tab === undefined ? { error: CONFIG_ERROR.noContactsTab } : { tab };
  }
  if (isAppTab(named)) return { error: CONFIG_ERROR.appTabNamed(named) };
  return candidates.includes(named) ? { tab: named } : { error: CONFIG_ERROR.tabMissing(named, candidates) };
}

function findHeader(headers: string[], wanted: string): number {
  const target = normalizeName(wanted);
  return headers.findIndex((h) => normalizeName(h) === target);
}

/** Email header names compared ignoring case, spaces and hyphens: "E-Mail Address" is "emailaddress". */
export function isEmailHeader(header: string): boolean {
  return EMAIL_HEADERS.includes(header.toLowerCase().replace(/[\s-]/g, ''));
}

export function buildLayout(tab: string, headerRow: string[], hidden: boolean[], settings: Settings): LayoutResult {
  const headers = headerRow.map((h) => h.trim());
  // Row 1 spans up to its last non-blank header.
  while (headers.length && !headers[headers.length - 1]) headers.pop();
  if (!headers.length) return { ok: false, error: CONFIG_ERROR.headerEmpty(tab) };
  const named = settings.emailColumn;
  const main = named ? findHeader(headers, named) : headers.findIndex(isEmailHeader);
  if (main < 0) {
    return { ok: false, error: named ? CONFIG_ERROR.emailColumnMissing(named, tab) : CONFIG_ERROR.noEmailColumn(tab) };
  }
  const problems: string[] = [];
  const emailColumns = [main];
  for (const extra of settings.extraEmailColumns) {
    const index = findHeader(headers, extra);
    if (index < 0) problems.push(CONFIG_ERROR.extraColumnMissing(extra, tab));
    else if (!emailColumns.includes(index)) emailColumns.push(index);
  }
  const visibleColumns = headers.flatMap((header, index) =>
    header && !header.startsWith('_') && !hidden[index] ? [index] : [],
  );
  return { ok: true, layout: { tab, headers, emailColumns, visibleColumns }, problems };
}
