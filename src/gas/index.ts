/**
 * Apps Script entry points. Each is a top-level function in the bundle and only hands over to
 * the modules that do the work, turning any failure into a short text plus a console.error.
 */
import { addMenu, checkSetup, clearCache, rotateKey, setUp, testLookup } from './admin';
import { AGENT } from '../core/messages';
import { WebAppEvent } from '../core/request';
import { SETTINGS_TAB } from '../core/settings';
import { answerRequest } from '../core/web-app';
import { forget, webAppDeps } from './wiring';

/** The message of anything thrown; duck-typed, since service errors need not share this script's Error. */
function describe(err: unknown): string {
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(err);
}

function textOutput(text: string): GoogleAppsScript.Content.TextOutput {
  return ContentService.createTextOutput(text).setMimeType(ContentService.MimeType.TEXT);
}

function answerSafely(event: WebAppEvent | undefined): GoogleAppsScript.Content.TextOutput {
  try {
    return textOutput(answerRequest(event, webAppDeps()));
  } catch (err) {
    console.error(`Lookup failed: ${describe(err)}`);
    return textOutput(AGENT.unavailable);
  }
}

export function doGet(e: GoogleAppsScript.Events.DoGet): GoogleAppsScript.Content.TextOutput {
  return answerSafely(e as unknown as WebAppEvent);
}

export function doPost(e: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  return answerSafely(e as unknown as WebAppEvent);
}

/** Simple trigger: every edit staff make by hand. Row 1 and the Settings tab change the structure. */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    const range = e && e.range;
    forget(!range || range.getRow() === 1 || range.getSheet().getName() === SETTINGS_TAB);
  } catch (err) {
    console.error(`Could not clear cached answers after an edit: ${describe(err)}`);
  }
}

/**
 * Installable change trigger (Set up installs it): inserted or deleted rows and columns, hidden
 * columns, sorting and new tabs, which the simple onEdit trigger does not see.
 */
export function onSheetChange(e: GoogleAppsScript.Events.SheetsOnChange): void {
  try {
    forget(!e || e.changeType !== 'EDIT');
  } catch (err) {
    console.error(`Could not clear cached answers after a change: ${describe(err)}`);
  }
}

/** Simple trigger: the Contact lookup menu. */
export function onOpen(): void {
  try {
    addMenu();
  } catch (err) {
    console.error(`Could not add the Contact lookup menu: ${describe(err)}`);
  }
}

function fromMenu(action: () => void): void {
  try {
    action();
  } catch (err) {
    console.error(`Menu action failed: ${describe(err)}`);
    const ui = SpreadsheetApp.getUi();
    ui.alert(
      'Something went wrong',
      `${describe(err)}\n\nTry again; if it keeps failing, run Contact lookup > Check setup.`,
      ui.ButtonSet.OK,
    );
  }
}

export function menuSetUp(): void {
  fromMenu(setUp);
}
export function menuTestLookup(): void {
  fromMenu(testLookup);
}
export function menuCheckSetup(): void {
  fromMenu(checkSetup);
}
export function menuRotateKey(): void {
  fromMenu(rotateKey);
}
export function menuClearCache(): void {
  fromMenu(clearCache);
}
