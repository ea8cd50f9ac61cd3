/**
 * Every text an agent or an admin reads, in one place: answers in SnapEngage, request errors, the
 * Contact lookup menu's dialogs, the Check setup report, setting and configuration problems, and
 * the lines written to Google's execution log. Each problem says what to do next.
 */

const SET_UP = 'Contact lookup > Set up';
const MENU_CHECK_SETUP = 'Contact lookup > Check setup';
const PLUGIN = 'SnapEngage (Settings > Integrations > Plugins > Get Contact OPEN API)';
const CHAT_HELP =
  'Chat history (optional): paste the same URL in SnapEngage > Settings > Integrations > Integration API, ' +
  'leave the token blank, and set Chat history to on in the Settings tab.';
const plural = (count: number, word: string) =>
  `${count} ${word}${count === 1 ? '' : word.endsWith('ch') ? 'es' : 's'}`;
/** 1234567 as "1,234,567", the same on every runtime (no locale). */
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const quoted = (items: string[]) => items.map((item) => `"${item}"`).join(', ');
const on = (at: string | undefined) => (at ? ` on ${at}` : '');
const inRow = (row: number) => `Settings row ${row}:`;

/** What SnapEngage shows the agent when there is no contact to show. */
export const AGENT = {
  /** The one answer to a missing or wrong key: it says nothing about the sheet. */
  refused: 'Access denied: this contact lookup URL needs a valid key.',
  setupNeeded: `Contact lookup is not set up yet. Ask your admin to open the contacts spreadsheet and run Contact lookup > Set up.`,
  notConfigured:
    'Contact lookup is not configured correctly. Ask your admin to run Contact lookup > Check setup in the contacts spreadsheet.',
  unavailable: 'Contact lookup is unavailable right now. Please try again in a minute.',
  status: (build: string) => `Contact lookup is running. Version ${build}.`,
  matchHeading: (index: number, total: number) => `Match ${index} of ${total}`,
  moreMatches: (count: number) => `${plural(count, 'more match')} not shown.`,
  shortened: '\n… (shortened)',
  /** "Chats: 3 · last 2026-11-02 with Anna: refund for order 991" */
  history: (count: number, date: string, agent: string, description: string) =>
    `Chats: ${count} · last ${date}${agent ? ` with ${agent}` : ''}${description ? `: ${description}` : ''}`,
} as const;

/** Answers to requests that cannot be served as sent; they depend only on the request. */
export const REQUEST = {
  missingEmail: 'Missing email: the request needs an email parameter, e.g. email=jane@example.com.',
  emailControlChars: 'The email parameter contains control characters.',
  emailTooLong: (max: number) => `The email parameter is longer than ${max} characters.`,
  notAnEmail: 'The email parameter is not an email address (expected something like jane@example.com).',
  repeated: (field: string) => `The ${field} parameter was sent more than once; send it once.`,
  bodyTooLarge: (kilobytes: number) => `The request body is larger than ${kilobytes} KB.`,
  notJson: 'The request body is not valid JSON.',
  jsonTooDeep: (levels: number) => `The JSON body is nested too deeply (more than ${levels} levels).`,
  jsonNotObject: 'The JSON body must be an object such as {"email": "jane@example.com"}.',
  fieldNotText: (field: string) => `The ${field} field must be text.`,
  unsupportedBody: 'Unsupported request body: send form fields or a JSON object.',
} as const;

/** Column C of the Settings tab. */
export const SETTING_HELP = {
  contactsTab: 'Name of the tab that holds the contacts. Blank: the tab named Contacts, else the first tab.',
  emailColumn:
    'Header of the email column. Blank: the first column headed Email, E-mail, Email address or E-mail address.',
  extraEmailColumns: 'Headers of more columns holding emails to search, separated by commas (e.g. Secondary email).',
  maxMatches: 'How many matching rows an answer shows at most (1 to 50); the rest are counted in a last line.',
  answerTemplate:
    'Replaces the default "Header: value" lines. Use {{Header}} for a column, {{email}} for the email looked up, ' +
    '{{chat history}} for the past chats line, and \\n for a new line.',
  noMatchText: 'What agents see when no row matches; {{email}} is the email looked up. Write (empty) to show nothing.',
  maxAnswerLength: 'Longest answer in characters (200 to 20000); longer answers are shortened.',
  cacheMinutes:
    'How long an answer may be reused (0 to 360). Edits in the spreadsheet clear it at once; ' +
    'this bounds changes no trigger sees, such as formula results.',
  lookupLog:
    'On: every lookup adds a row (time, case, email, IP, page, matches) to the Lookup log tab. ' +
    'Stores personal data; off by default.',
  logRetentionDays: 'Lookup log rows older than this many days are deleted (1 to 3650).',
  chatHistory:
    "On: each chat SnapEngage's Integration API sends is kept in the Chats tab, and agents see a returning " +
    "visitor's past chats. Stores personal data; off by default.",
  chatTranscripts: 'On: the Chats tab also keeps the text of every message (Chat history must be on).',
  chatRetentionDays: 'Chats older than this many days are deleted from the Chats tab (1 to 3650).',
  chatsPerDay:
    "The most chats recorded in one day (in the spreadsheet's time zone); more are refused, so a leaked URL cannot " +
    'fill the spreadsheet. 0: no limit.',
} as const;

/** Answers to SnapEngage's Integration API; SnapEngage does not show them, the smoke check does. */
export const CHAT = {
  recorded: 'Chat recorded.',
  alreadyRecorded: 'This chat was already recorded; nothing was added.',
  off: 'Chat history is off, so nothing was recorded. Turn "Chat history" on in the Settings tab.',
  kept: 'The spreadsheet could not be written just now; the chat was kept and will be written shortly.',
  notKept:
    'The chat could not be kept: the spreadsheet and the script storage both failed. Its case ID is in the execution log.',
  spreadsheetFull:
    "The spreadsheet holds 90% of Google's 10,000,000 cells, so no new chat is recorded. " +
    'Ask the admin to run Contact lookup > Check setup.',
  overDailyLimit: (limit: number) =>
    `Today's ${plural(limit, 'chat')} (the Chats per day setting) are recorded; this chat was not. It is counted again tomorrow.`,
  noCaseId: 'The chat has no case ID (id); nothing was recorded.',
  caseIdTooLong: (max: number) => `The chat's case ID (id) is longer than ${max} characters; nothing was recorded.`,
  visitor: 'Visitor',
} as const;

export const settingProblem = {
  range: (min: number, max: number) => `must be a whole number from ${min} to ${max}`,
  onOff: 'must be on or off',
  unknown: (row: number, name: string) => `${inRow(row)} unknown setting "${name}" is ignored.`,
  twice: (row: number, name: string) => `${inRow(row)} "${name}" is set twice; the first one is used.`,
  invalid: (row: number, name: string, problem: string, shownDefault: string) =>
    `${inRow(row)} "${name}" ${problem}; using the default (${shownDefault || 'blank'}).`,
} as const;

/** Why the contacts cannot be found, for Check setup and the execution log. */
export const CONFIG_ERROR = {
  spreadsheetUnknown: `The contacts spreadsheet is not known yet: open it and run ${SET_UP}.`,
  noContactsTab: `The spreadsheet has no tab for contacts: run ${SET_UP} to add a Contacts tab.`,
  appTabNamed: (tab: string) =>
    `The contacts tab named in Settings, "${tab}", is a tab the app writes itself: name the tab that holds the contacts.`,
  tabMissing: (tab: string, tabs: string[]) =>
    `The contacts tab "${tab}" named in Settings does not exist. Tabs: ${tabs.join(', ')}.`,
  headerEmpty: (tab: string) =>
    `Row 1 of the "${tab}" tab is empty: put the column headers (e.g. Name, Email) in row 1.`,
  emailColumnMissing: (column: string, tab: string) =>
    `The email column "${column}" named in Settings is not in row 1 of the "${tab}" tab.`,
  noEmailColumn: (tab: string) =>
    `No email column in the "${tab}" tab: head a column "Email" in row 1, or set "Email column" in the Settings tab.`,
  extraColumnMissing: (column: string, tab: string) =>
    `Extra email column "${column}" is not in row 1 of the "${tab}" tab; it is not searched.`,
} as const;

/** The Contact lookup menu: captions, dialog titles and texts. */
export const MENU = {
  title: 'Contact lookup',
  setUp: 'Set up…',
  testLookup: 'Test a lookup…',
  checkSetup: 'Check setup',
  rotateKey: 'Rotate access key…',
  clearCache: 'Clear cache',
  forgetVisitor: 'Forget a visitor…',
  forgetPrompt:
    'Email of the visitor to forget. Their rows in the Chats and Lookup log tabs, their chats waiting to be ' +
    'written and the cached answer for them are removed; the contacts tab is not changed.',
  forgottenTitle: 'Visitor forgotten',
  forgotten: (email: string, chats: number, logRows: number, waiting: number) =>
    `Removed for ${email}: ${plural(chats, 'row')} from the Chats tab, ${plural(logRows, 'row')} from the Lookup log ` +
    `tab, ${plural(waiting, 'chat')} waiting to be written, and the cached answer. ` +
    'The contacts tab was not changed: edit it yourself if the visitor is a contact.',
  failedTitle: 'Something went wrong',
  failed: (reason: string) => `${reason}\n\nTry again; if it keeps failing, run ${MENU_CHECK_SETUP}.`,
  webAppUrlPrompt:
    'Paste the web app URL. In the Apps Script editor (Extensions > Apps Script): Deploy > Manage deployments, ' +
    'copy the Web app URL (it ends in /exec).',
  notWebAppUrlTitle: 'That is not a web app URL',
  notWebAppUrl: `A web app URL looks like https://script.google.com/macros/s/…/exec. Run ${SET_UP} again to paste it.`,
  setUpTitle: 'Contact lookup is set up',
  notSetUp: `Run ${SET_UP} first.`,
  testLookupPrompt: 'Email to look up:',
  agentSees: 'What the agent sees',
  emptyAnswer: '(nothing: the No match text is set to empty)',
  leftOutTitle: 'Left out of this answer:',
  nothingLeftOut: 'Nothing was left out of this answer.',
  leftOutHidden: (headers: string[]) => `hidden columns: ${headers.join(', ')}`,
  leftOutUnderscore: (headers: string[]) => `columns starting with _: ${headers.join(', ')}`,
  leftOutMatches: (count: number, max: number) => `${plural(count, 'more match')} beyond Max matches (${max})`,
  rotateTitle: 'Rotate access key?',
  rotateConfirm:
    'The current SnapEngage URL stops working at once, on every deployment. ' +
    'You will need to paste the new URL into SnapEngage (and into the Integration API, if you use it). Continue?',
  rotatedTitle: 'New access key',
  rotated: (urlHelp: string) => `The old key no longer works.\n\n${urlHelp}`,
  clearedTitle: 'Cache cleared',
  cleared: 'Every deployment forgets its cached answers: the next lookup reads the spreadsheet afresh.',
  busyTitle: 'Busy, nothing changed',
  busy: 'Another execution held the script lock for too long, so nothing was changed. Try again in a minute.',
  staleWarning:
    'CacheService could not be updated, so for up to a minute some lookups may still use the previous state.',
  replaceTriggerTitle: 'Change trigger not running',
  replaceTrigger: (editedAt: string) =>
    'The change trigger was installed by another Google account, and it has not run although the sheet was ' +
    `edited ${editedAt}; that account may have been removed. Install it under your account now?`,
} as const;

/** What Set up did, and where the URL goes. */
export const SETUP = {
  createdContactsTab: (tab: string) => `Created the "${tab}" tab with headers; add one contact per row.`,
  createdSettingsTab: (tab: string) => `Created the "${tab}" tab; each row says what its setting does.`,
  addedSettings: (count: number, tab: string) => `Added ${count} new setting(s) to the "${tab}" tab.`,
  installedTrigger: 'Installed the change trigger that keeps answers up to date.',
  installedPendingTrigger:
    'Installed a trigger that runs every 15 minutes to write chats the spreadsheet could not take at once.',
  replacedTrigger: 'Installed the change trigger under this account: the one another account installed no longer runs.',
  triggerOfAnotherAccount: (installedAt: string | undefined) =>
    `The change trigger was installed by another Google account${on(installedAt)}; it keeps working for everyone, so no second one was added.`,
  createdKey: 'Created the access key.',
  trimmedColumns: (cells: number) =>
    `Removed the empty columns to the right of the app's own tabs: ${count(cells)} fewer cells counted against ` +
    "Google's 10,000,000.",
  summary: (done: string[], urlHelp: string) =>
    `${done.length > 0 ? done.join('\n') : 'Everything was already set up; nothing was changed.'}\n\n${urlHelp}`,
  pasteUrl: (url: string) => `Paste this URL into ${PLUGIN}, choose HTTP GET, and Save:\n\n${url}\n\n${CHAT_HELP}`,
  pasteKeyEnding: (key: string) =>
    'When you have the web app URL (Apps Script editor > Deploy > Manage deployments; it ends in /exec), ' +
    `paste it into ${PLUGIN} with this ending, choose HTTP GET, and Save:` +
    `\n\n?key=${key}\n\n${CHAT_HELP}`,
} as const;

/** The contacts tab's size as Measure… describes it. */
interface MeasuredSize {
  rows: number;
  searchedColumns: number;
  rowWidth: number;
}

const HIDDEN_COLUMN_CHECK =
  'A column hidden by hand reads as hidden through the Sheets API (Spreadsheets.get, hiddenByUser)';
const FILTERED_ROW_CHECK = 'TextFinder finds a row hidden by a filter';
const PAST_GRID_CHECK = "Writing one row past a new tab's grid";
const NEITHER = 'The app relies on neither outcome.';

/** Contact lookup > Measure…: Google's times beside the cost model's, and three checks on a scratch tab. */
export const MEASURE = {
  menuItem: 'Measure…',
  title: 'Measured on this spreadsheet',
  prompt:
    'Measure… times the calls a lookup makes, on this spreadsheet, and checks three things that cannot be ' +
    'checked off Google on a scratch tab it deletes afterwards. It changes no data and takes up to a minute ' +
    'on a large sheet.\n\nEmail to search for (one from the sheet, or any other):',
  intro: (runs: number) =>
    `Each call was made ${runs} times, the way lookups make it. Measured: the median, and the first run, ` +
    "which is closer to a lookup (one call of each kind). Model: the cost model's estimate " +
    '(src/core/admin/google-costs.ts; "guess" where nothing published measures the call). ' +
    "Ratio: measured median ÷ model; above 1, Google was slower than the model. Apps Script's own " +
    'start-up and the redirect hop are in neither.',
  calls: {
    open: () => 'Open the spreadsheet (SpreadsheetApp.openById)',
    search: (size: MeasuredSize) =>
      `Search for the email (TextFinder over ${plural(size.rows, 'row')} × ${plural(size.searchedColumns, 'column')})`,
    readRow: (size: MeasuredSize) => `Read one row (Range.getDisplayValues, ${size.rowWidth} cells)`,
    readRowApi: (size: MeasuredSize) => `Read one row (Sheets API values.batchGet, ${size.rowWidth} cells)`,
    cachePut: () => 'Write the cache (CacheService putAll, one key)',
    cacheGet: () => 'Read the cache (CacheService getAll, one key)',
    propertiesGet: () => 'Read Script Properties (getProperties)',
    lock: () => 'Take and release the script lock (tryLock, releaseLock)',
  },
  measured: (line: {
    label: string;
    medianMs: string;
    runs: number;
    firstMs: string;
    modelMs: string;
    guess: boolean;
    ratio: string;
  }) =>
    `${line.label}: ${line.medianMs} ms measured (median of ${line.runs} runs; the first took ${line.firstMs} ms); ` +
    `model ${line.modelMs} ms${line.guess ? ' (guess)' : ''}; ratio ${line.ratio}`,
  notMeasured: (label: string, reason: string) => `${label}: not measured (${reason})`,
  lockBusy: 'another execution held the script lock',
  findingsTitle: 'Checked on a scratch tab, deleted afterwards:',
  notChecked: (check: string, reason: string) => `${check}: could not be checked (${reason}).`,
  hiddenColumn: HIDDEN_COLUMN_CHECK,
  hiddenColumnSeen: `${HIDDEN_COLUMN_CHECK}: yes. Hidden columns stay out of answers.`,
  hiddenColumnUnseen:
    `${HIDDEN_COLUMN_CHECK}: NO. Answers may show columns hidden by hand: start their headers with _ ` +
    'instead, and report this as an issue.',
  filteredRow: FILTERED_ROW_CHECK,
  filteredRowFound: `${FILTERED_ROW_CHECK}: yes. Filters do not hide contacts from lookups.`,
  filteredRowMissed:
    `${FILTERED_ROW_CHECK}: NO. Contacts in rows a filter hides are not found: remove filters from the ` +
    'contacts tab (a filter view changes only your own view), and report this as an issue.',
  filterHidNothing: `${FILTERED_ROW_CHECK}: nothing learned, as the filter did not hide its row.`,
  pastGrid: PAST_GRID_CHECK,
  pastGridThrew: (rows: number, error: string) =>
    `${PAST_GRID_CHECK} (row ${rows + 1} of ${rows}): Google threw "${error}" ${NEITHER}`,
  pastGridGrew: (rows: number, grewTo: number) =>
    `${PAST_GRID_CHECK} (row ${rows + 1} of ${rows}): Google added rows; the tab has ${grewTo}. ${NEITHER}`,
  scratchTabLeft: (tab: string, reason: string) =>
    `The scratch tab "${tab}" could not be deleted (${reason}): delete it by hand.`,
  notAnEmail: 'That is not an email address (expected something like jane@example.com). Nothing was measured.',
} as const;

/** Lines of the Check setup report. */
export const REPORT = {
  allGood: 'Everything needed for lookups is in place.',
  propertiesUnavailable: (reason: string, confirmedAt: string | undefined) =>
    `Script Properties cannot be read right now (${reason}). Their daily quota is probably spent ` +
    '(50,000 calls a day on consumer accounts, 500,000 on Google Workspace; it starts over 24 hours after its first call). ' +
    'Meanwhile lookups keep answering with the configuration and access key last confirmed' +
    (confirmedAt ? ` (built ${confirmedAt})` : '') +
    ', kept in the cache, and staff edits still reach agents. ' +
    (confirmedAt ? '' : 'The cache holds no confirmed configuration, so lookups answer "unavailable" until then. ') +
    'Set up, Rotate access key and this report need Script Properties: try again later.',
  toFixCount: (count: number) => `${plural(count, 'thing')} to fix.`,
  sections: ['To fix', 'OK', 'Good to know'],
  keySet: 'Access key: set.',
  keyMissing: `Access key: missing. Run ${SET_UP}.`,
  triggerMissing: `Change trigger: not installed, so some edits may show late. Run ${SET_UP}.`,
  triggerMine: (installedAt: string | undefined) => `Change trigger: installed by this account${on(installedAt)}.`,
  triggerUnrecorded: `Change trigger: installed by this account but not recorded; run ${SET_UP} so other admins see it.`,
  triggerOfAnotherAccount: (installedAt: string | undefined, ranAt: string | undefined) =>
    `Change trigger: installed by another Google account${on(installedAt)}; this account cannot see it ` +
    '(Google shows each account only its own triggers). ' +
    (ranAt ? `It last ran ${ranAt}.` : 'It has not run yet.'),
  triggerGone: (ranAt: string | undefined, editedAt: string) =>
    `Change trigger: installed by another Google account, but it has not run ${ranAt ? `since ${ranAt}` : 'yet'} ` +
    `although the sheet was edited ${editedAt}; that account may have been removed, and edits may show late. ` +
    `Run ${SET_UP} to install it under this account.`,
  webAppUrl: (url: string) => `Web app URL: ${url}`,
  webAppUrlUnknown: `Web app URL: not known yet. Run ${SET_UP} and paste it, or make one lookup through SnapEngage.`,
  contactsProblem: (error: string) => `Contacts: ${error}`,
  contactsTab: (tab: string, emailHeaders: string[]) =>
    `Contacts tab: "${tab}", email searched in ${quoted(emailHeaders)}.`,
  contactCount: (count: number) => `Contacts with an email: ${count}.`,
  duplicates: (examples: string) => `Emails on more than one row (agents see every row): ${examples}.`,
  notEmails: (examples: string) => `Cells in an email column that are not emails: ${examples}.`,
  notEmailCell: (row: number, header: string, cell: string) => `row ${row}, ${header}: "${cell}"`,
  duplicateRows: (email: string, rows: number[]) => `${email} (rows ${rows.join(', ')})`,
  moreExamples: (shown: string, more: number) => `${shown}; and ${more} more`,
  unseenColumns: (headers: string[]) => `Columns agents never see (hidden, or starting with _): ${quoted(headers)}.`,
  unknownPlaceholders: (names: string[]) =>
    `Answer template: no visible column for ${names.map((n) => `{{${n}}}`).join(', ')}; it shows as blank.`,
  lookupLog: (on: boolean, days: number) => `Lookup log: ${on ? `on, keeping ${days} days` : 'off'}.`,
  chatHistory: (on: boolean, transcripts: boolean, days: number, chats: number | undefined) =>
    `Chat history: ${on ? `on, transcripts ${transcripts ? 'on' : 'off'}, keeping ${days} days` : 'off'}` +
    (chats === undefined ? '.' : `; ${plural(chats, 'chat')} in the Chats tab.`),
  lastLookup: (at: string | undefined) => `Last lookup: ${at ?? 'none in the last 6 hours'}.`,
  cells: (cells: number, max: number, perDay: number, daysLeft: number | undefined) =>
    `Spreadsheet size: ${count(cells)} of Google's ${count(max)} cells (${Math.floor((cells / max) * 100)}%)` +
    (perDay > 0
      ? `; the app's tabs grew by about ${count(perDay)} cells a day over the last 7 days` +
        (daysLeft === undefined ? '.' : `, so new chats and log rows stop (at 90%) in about ${count(daysLeft)} days.`)
      : '.'),
  cellsWarning:
    'New chats and Lookup log rows are refused from 90%: delete tabs, rows or columns nobody needs, ' +
    'or lower Chat retention days and Log retention days.',
  cellsRefused:
    'New chats and Lookup log rows are refused now, so staff can still edit contacts: delete tabs, rows or ' +
    'columns nobody needs, or lower Chat retention days and Log retention days.',
  pendingChats: (waiting: number) =>
    `Chats waiting in Script Properties to be written to the Chats tab: ${waiting} (the next lookup or the ` +
    '15-minute trigger writes them).',
  chatsToday: (today: number, limit: number) =>
    `Chats recorded today: ${count(today)}${limit > 0 ? ` of ${count(limit)} (Chats per day)` : ' (Chats per day: no limit)'}.`,
  version: (build: string) => `Version: ${build}.`,
} as const;

/**
 * Lines for Google's execution log (Apps Script editor > Executions), never an email or a key. Those
 * without a full stop are followed by the reason: see `because`.
 */
export const LOG = {
  badRequest: 'Lookup: bad request',
  refused: 'Lookup: refused (missing or wrong key)',
  notSetUp: 'Lookup: not set up',
  outcome: (matches: number, cached: boolean) =>
    `Lookup: ${matches === 0 ? 'no match' : plural(matches, 'match')}${cached ? ' (cached)' : ''}`,
  notConfigured: 'Lookup not configured',
  lookupFailed: 'Lookup failed',
  cacheReadFailed: 'CacheService read failed',
  cacheWriteFailed: 'CacheService write failed; it only costs speed',
  propertiesWriteFailed: 'Script Properties write failed',
  generationStale: 'Could not record a change in CacheService; it may show up to a minute late',
  changeWithoutLock: 'Recording a change without the script lock (busy); it may show up to a minute late.',
  notRecorded: 'Change not recorded',
  menuFailed: 'Contact lookup menu failed',
  lookupLogBusy: 'Lookup log: the lock was busy; one lookup was not logged.',
  lookupLogFailed: 'Lookup log: could not write a row',
  chat: 'Chat',
  chatNotWritten: 'Chat: the Chats tab could not be written; keeping the chat in Script Properties',
  chatWrittenUnlocked:
    'Chat: the script lock was busy; the row was appended without it (a duplicate is removed later).',
  chatLost: (caseId: string) =>
    `Chat lost: neither the Chats tab nor Script Properties could keep case ${caseId}; ask SnapEngage for it`,
  pendingWritten: (count: number) => `Chats kept in Script Properties: ${count} written to the Chats tab.`,
  pendingFailed: 'Chats kept in Script Properties could not be written yet',
  changeNotPublished: 'A new chat is recorded, but lookups may show it only after Cache minutes',
  spreadsheetFull: (tab: string) =>
    `${tab}: the spreadsheet holds 90% of its 10,000,000 cells; new rows are refused until rows or tabs are deleted.`,
  overDailyLimit: (limit: number) => `Chat: refused, Chats per day (${limit}) reached today.`,
  dayCountFailed: "Chats per day: today's count could not be read, so this chat is let through",
  visitorForgotten: (removed: number) => `Forget a visitor: ${removed} rows and waiting chats removed.`,
  lockFailed: 'LockService failed',
  tabMissing: (tab: string) => `The "${tab}" tab is missing`,
  webAppUrlNotNoted: 'Web app URL not noted',
  propertiesFailed:
    'Script Properties could not be read (daily quota spent?); lookups use the last confirmed configuration and key meanwhile',
  sheetsApiFailed: 'Sheets API request failed; reading with SpreadsheetApp instead for a minute',
  indexBuilt: (shards: number) => `Email index built (${plural(shards, 'shard')})`,
  indexNotKept: 'Email index too large for CacheService; lookups read the email columns instead',
  sheetsServiceOff:
    'The Sheets advanced service is not enabled: paste appsscript.json as the manifest (it turns the service on), ' +
    'deploy with npm run deploy, or in the Apps Script editor: Services > Google Sheets API > Add.',
} as const;

/** A log line and what caused it: "CacheService write failed; it only costs speed: Exception: …". */
export const because = (line: string, reason: unknown) => `${line}: ${reason}`;
