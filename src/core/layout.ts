/**
 * Where the contacts are: which tab, which columns hold emails, which columns agents may see.
 */
import { CONFIG_ERROR } from './messages';
import { Settings } from './settings';
import { DEFAULT_CONTACTS_TAB, isAppTab } from './tabs';
import { normalizeName } from './text';
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
  if (settings.contactsTab) {
    if (isAppTab(settings.contactsTab)) return { error: CONFIG_ERROR.appTabNamed(settings.contactsTab) };
    if (candidates.includes(settings.contactsTab)) return { tab: settings.contactsTab };
    return { error: CONFIG_ERROR.tabMissing(settings.contactsTab, candidates) };
  }
  if (candidates.includes(DEFAULT_CONTACTS_TAB)) return { tab: DEFAULT_CONTACTS_TAB };
  const first = candidates[0];
  if (first === undefined) return { error: CONFIG_ERROR.noContactsTab };
  return { tab: first };
}

function findHeader(headers: string[], wanted: string): number {
  const target = normalizeName(wanted);
  return headers.findIndex((h) => normalizeName(h) === target);
}

/** Email header names compared ignoring case, spaces and hyphens: "E-Mail Address" is "emailaddress". */
export function isEmailHeader(header: string): boolean {
  return EMAIL_HEADERS.includes(header.toLowerCase().replace(/[\s-]/g, ''));
}

/** How many columns row 1 spans: up to its last non-blank header. */
function headerWidth(headerRow: string[]): number {
  let width = headerRow.length;
  while (width > 0 && headerRow[width - 1].trim() === '') width--;
  return width;
}

export function buildLayout(tab: string, headerRow: string[], hidden: boolean[], settings: Settings): LayoutResult {
  const headers = headerRow.slice(0, headerWidth(headerRow)).map((h) => h.trim());
  if (headers.length === 0) {
    return {
      ok: false,
      error: CONFIG_ERROR.headerEmpty(tab),
    };
  }

  let main: number;
  if (settings.emailColumn) {
    main = findHeader(headers, settings.emailColumn);
    if (main < 0) {
      return {
        ok: false,
        error: CONFIG_ERROR.emailColumnMissing(settings.emailColumn, tab),
      };
    }
  } else {
    main = headers.findIndex(isEmailHeader);
    if (main < 0) {
      return {
        ok: false,
        error: CONFIG_ERROR.noEmailColumn(tab),
      };
    }
  }

  const problems: string[] = [];
  const emailColumns = [main];
  for (const extra of settings.extraEmailColumns) {
    const index = findHeader(headers, extra);
    if (index < 0) problems.push(CONFIG_ERROR.extraColumnMissing(extra, tab));
    else if (!emailColumns.includes(index)) emailColumns.push(index);
  }

  const visibleColumns = headers
    .map((header, index) => ({ header, index }))
    .filter(({ header, index }) => header !== '' && !header.startsWith('_') && !hidden[index])
    .map(({ index }) => index);
  return { ok: true, layout: { tab, headers, emailColumns, visibleColumns }, problems };
}
