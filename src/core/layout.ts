/**
 * Where the contacts are: which tab, which columns hold emails, which columns agents may see.
 */
import { Settings } from './settings';
import { normalizeName } from './text';

export const DEFAULT_CONTACTS_TAB = 'Contacts';
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

/** The tab to read, or an admin-facing error. */
export function chooseContactsTab(tabNames: string[], settings: Settings): { tab: string } | { error: string } {
  if (settings.contactsTab) {
    if (tabNames.includes(settings.contactsTab)) return { tab: settings.contactsTab };
    return {
      error: `The contacts tab "${settings.contactsTab}" named in Settings does not exist. Tabs: ${tabNames.join(', ')}.`,
    };
  }
  if (tabNames.includes(DEFAULT_CONTACTS_TAB)) return { tab: DEFAULT_CONTACTS_TAB };
  const first = tabNames[0];
  if (first === undefined) return { error: 'The spreadsheet has no tabs.' };
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
export function headerWidth(headerRow: string[]): number {
  let width = headerRow.length;
  while (width > 0 && headerRow[width - 1].trim() === '') width--;
  return width;
}

export function buildLayout(tab: string, headerRow: string[], hidden: boolean[], settings: Settings): LayoutResult {
  const headers = headerRow.slice(0, headerWidth(headerRow)).map((h) => h.trim());
  if (headers.length === 0) {
    return {
      ok: false,
      error: `Row 1 of the "${tab}" tab is empty: put the column headers (e.g. Name, Email) in row 1.`,
    };
  }

  let main: number;
  if (settings.emailColumn) {
    main = findHeader(headers, settings.emailColumn);
    if (main < 0) {
      return {
        ok: false,
        error: `The email column "${settings.emailColumn}" named in Settings is not in row 1 of the "${tab}" tab.`,
      };
    }
  } else {
    main = headers.findIndex(isEmailHeader);
    if (main < 0) {
      return {
        ok: false,
        error: `No email column in the "${tab}" tab: head a column "Email" in row 1, or set "Email column" in the Settings tab.`,
      };
    }
  }

  const problems: string[] = [];
  const emailColumns = [main];
  for (const extra of settings.extraEmailColumns) {
    const index = findHeader(headers, extra);
    if (index < 0)
      problems.push(`Extra email column "${extra}" is not in row 1 of the "${tab}" tab; it is not searched.`);
    else if (!emailColumns.includes(index)) emailColumns.push(index);
  }

  const visibleColumns = headers
    .map((header, index) => ({ header, index }))
    .filter(({ header, index }) => header !== '' && !header.startsWith('_') && !hidden[index])
    .map(({ index }) => index);
  return { ok: true, layout: { tab, headers, emailColumns, visibleColumns }, problems };
}
