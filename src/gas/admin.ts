/**
 * The Contact lookup menu in the spreadsheet: everything staff and the admin do after deploying.
 * Messages are for non-developers and each failure says what to do next.
 */
import { cacheKeys } from '../core/answer-cache';
import { generateAccessKey } from '../core/auth';
import { buildConfig, PROPERTY } from '../core/config';
import { scriptCache, scriptProperties, sha256Hex, structureReader } from './google';
import { DEFAULT_CONTACTS_TAB, isEmailHeader } from '../core/layout';
import { missingSettingRows, SETTINGS_HEADER, SETTINGS_TAB } from '../core/settings';
import { setupReport } from '../core/setup-report';
import { answerRequest } from '../core/web-app';
import { BUILD, EXEC_URL, forget, webAppDeps } from './wiring';

export const MENU_TITLE = 'Contact lookup';
/** Caption and top-level handler of each menu item; null is a separator. */
export const MENU_ITEMS: ([string, string] | null)[] = [
  ['Set up…', 'menuSetUp'],
  ['Test a lookup…', 'menuTestLookup'],
  ['Check setup', 'menuCheckSetup'],
  null,
  ['Rotate access key…', 'menuRotateKey'],
  ['Clear cache', 'menuClearCache'],
];
export const CHANGE_TRIGGER_HANDLER = 'onSheetChange';
const DEFAULT_CONTACT_HEADERS = ['Email', 'Name', 'Company', 'Phone', 'Plan', 'Account manager', 'Notes'];

export function addMenu(): void {
  const menu = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) {
    if (item) menu.addItem(item[0], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
}

function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

function hasEmailHeader(sheet: GoogleAppsScript.Spreadsheet.Sheet): boolean {
  if (sheet.getLastColumn() === 0) return false;
  const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getDisplayValues()[0];
  return headers.some(isEmailHeader);
}

/** A Contacts tab with headers when no tab has an email column yet; existing data is never touched. */
function ensureContactsTab(book: GoogleAppsScript.Spreadsheet.Spreadsheet): string | undefined {
  const sheets = book.getSheets().filter((s) => s.getName() !== SETTINGS_TAB);
  if (sheets.some((s) => s.getName() === DEFAULT_CONTACTS_TAB) || sheets.some(hasEmailHeader)) return undefined;
  const sheet = book.insertSheet(DEFAULT_CONTACTS_TAB);
  sheet.getRange(1, 1, 1, DEFAULT_CONTACT_HEADERS.length).setValues([DEFAULT_CONTACT_HEADERS]);
  sheet.setFrozenRows(1);
  return `Created the "${DEFAULT_CONTACTS_TAB}" tab with headers; add one contact per row.`;
}

function ensureSettingsTab(book: GoogleAppsScript.Spreadsheet.Spreadsheet): string | undefined {
  let sheet = book.getSheetByName(SETTINGS_TAB);
  const created = !sheet;
  if (!sheet) {
    sheet = book.insertSheet(SETTINGS_TAB);
    sheet.getRange(1, 1, 1, SETTINGS_HEADER.length).setValues([SETTINGS_HEADER]);
    sheet.setFrozenRows(1);
  }
  const existing = sheet.getLastRow() > 0 ? sheet.getDataRange().getDisplayValues() : [];
  const missing = missingSettingRows(existing);
  if (missing.length > 0) {
    sheet.getRange(Math.max(sheet.getLastRow(), 1) + 1, 1, missing.length, SETTINGS_HEADER.length).setValues(missing);
  }
  if (created) return `Created the "${SETTINGS_TAB}" tab; each row says what its setting does.`;
  return missing.length > 0 ? `Added ${missing.length} new setting(s) to the "${SETTINGS_TAB}" tab.` : undefined;
}

function ensureChangeTrigger(book: GoogleAppsScript.Spreadsheet.Spreadsheet): string | undefined {
  const installed = ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === CHANGE_TRIGGER_HANDLER);
  if (installed) return undefined;
  ScriptApp.newTrigger(CHANGE_TRIGGER_HANDLER).forSpreadsheet(book).onChange().create();
  return 'Installed the change trigger that keeps answers up to date.';
}

function snapEngageUrl(execUrl: string, key: string): string {
  return `${execUrl}?key=${key}`;
}

/** The /exec URL: remembered from a live request, or pasted once by the admin. */
function webAppUrl(ui: GoogleAppsScript.Base.Ui, properties: Record<string, string>): string | undefined {
  const known = properties[PROPERTY.webAppUrl];
  if (known) return known;
  const reply = ui.prompt(
    'Web app URL',
    'Paste the web app URL. In the Apps Script editor: Deploy > Manage deployments, copy the Web app URL (it ends in /exec).',
    ui.ButtonSet.OK_CANCEL,
  );
  if (reply.getSelectedButton() !== ui.Button.OK) return undefined;
  const url = reply.getResponseText().trim();
  if (!EXEC_URL.test(url)) {
    ui.alert(
      'That is not a web app URL',
      'It should look like https://script.google.com/macros/s/…/exec. Run Set up again to paste it.',
      ui.ButtonSet.OK,
    );
    return undefined;
  }
  scriptProperties().set(PROPERTY.webAppUrl, url);
  return url;
}

function urlMessage(url: string | undefined, key: string): string {
  if (url)
    return `Paste this URL into SnapEngage (Settings > Integrations > Plugins > Get Contact OPEN API), then click Save:\n\n${snapEngageUrl(url, key)}`;
  return (
    'When you have the web app URL (Deploy > Manage deployments, it ends in /exec), paste it into SnapEngage ' +
    `(Settings > Integrations > Plugins > Get Contact OPEN API) with this ending:\n\n?key=${key}`
  );
}

export function setUp(): void {
  const ui = SpreadsheetApp.getUi();
  const book = activeSpreadsheet();
  const properties = scriptProperties();
  const done: string[] = [];
  const current = properties.getAll();
  if (current[PROPERTY.spreadsheetId] !== book.getId()) properties.set(PROPERTY.spreadsheetId, book.getId());
  for (const step of [ensureContactsTab, ensureSettingsTab, ensureChangeTrigger]) {
    const note = step(book);
    if (note) done.push(note);
  }
  let key = current[PROPERTY.accessKey];
  if (!key) {
    key = generateAccessKey(() => Utilities.getUuid());
    properties.set(PROPERTY.accessKey, key);
    done.push('Created the access key.');
  }
  forget(true);
  const url = webAppUrl(ui, current);
  const summary = done.length > 0 ? done.join('\n') : 'Everything was already set up; nothing was changed.';
  ui.alert('Contact lookup is set up', `${summary}\n\n${urlMessage(url, key)}`, ui.ButtonSet.OK);
}

export function testLookup(): void {
  const ui = SpreadsheetApp.getUi();
  const key = scriptProperties().getAll()[PROPERTY.accessKey];
  if (!key) {
    ui.alert('Not set up yet', 'Run Contact lookup > Set up first.', ui.ButtonSet.OK);
    return;
  }
  const reply = ui.prompt('Test a lookup', 'Email to look up:', ui.ButtonSet.OK_CANCEL);
  if (reply.getSelectedButton() !== ui.Button.OK) return;
  // The web app's own path, with the stored key, so this shows exactly what an agent would see.
  const event = {
    parameter: { email: reply.getResponseText(), key },
    parameters: { email: [reply.getResponseText()], key: [key] },
  };
  const text = answerRequest(event, webAppDeps());
  ui.alert('What the agent sees', text === '' ? '(nothing: the No match text is set to empty)' : text, ui.ButtonSet.OK);
}

export function checkSetup(): void {
  const ui = SpreadsheetApp.getUi();
  const book = activeSpreadsheet();
  const properties = scriptProperties().getAll();
  const config = buildConfig(
    structureReader(book),
    book.getId(),
    properties[PROPERTY.accessKey],
    sha256Hex,
    BUILD,
    Date.now(),
  );
  let emailCells: string[][] = [];
  const layout = config.layout;
  const sheet = layout ? book.getSheetByName(layout.tab) : null;
  if (layout && sheet && sheet.getLastRow() > 1) {
    const first = Math.min(...layout.emailColumns);
    const width = Math.max(...layout.emailColumns) - first + 1;
    const block = sheet.getRange(2, first + 1, sheet.getLastRow() - 1, width).getDisplayValues();
    emailCells = block.map((row) => layout.emailColumns.map((c) => row[c - first]));
  }
  const lastLookup = Number(scriptCache().getAll([cacheKeys(BUILD).lastLookup])[cacheKeys(BUILD).lastLookup]);
  const report = setupReport({
    build: BUILD,
    keySet: Boolean(properties[PROPERTY.accessKey]),
    triggerInstalled: ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === CHANGE_TRIGGER_HANDLER),
    webAppUrl: properties[PROPERTY.webAppUrl],
    lastLookup: lastLookup > 0 ? new Date(lastLookup) : undefined,
    config,
    emailCells,
  });
  ui.alert('Check setup', report, ui.ButtonSet.OK);
}

export function rotateKey(): void {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.alert(
    'Rotate access key?',
    'The current SnapEngage URL stops working at once. You will need to paste the new URL into SnapEngage. Continue?',
    ui.ButtonSet.YES_NO,
  );
  if (answer !== ui.Button.YES) return;
  const properties = scriptProperties();
  const key = generateAccessKey(() => Utilities.getUuid());
  properties.set(PROPERTY.accessKey, key);
  forget(true);
  ui.alert(
    'New access key',
    `The old key no longer works.\n\n${urlMessage(properties.getAll()[PROPERTY.webAppUrl], key)}`,
    ui.ButtonSet.OK,
  );
}

export function clearCache(): void {
  forget(true);
  SpreadsheetApp.getUi().alert(
    'Cache cleared',
    'The next lookup reads the spreadsheet afresh.',
    SpreadsheetApp.getUi().ButtonSet.OK,
  );
}
