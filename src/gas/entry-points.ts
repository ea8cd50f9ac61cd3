/**
 * Apps Script entry points. Each only hands over to a use case, turning any failure into a short
 * text for the caller plus a console.error for the admin (Apps Script editor > Executions).
 */
import { Change, recordChange } from '../core/freshness';
import { answerRequest } from '../core/web-app';
import { AGENT, LOG, MENU } from '../core/messages';
import { WebAppEvent } from '../core/request';
import { PROPERTY } from '../core/store-keys';
import { SETTINGS_TAB } from '../core/tabs';
import {
  addMenu,
  checkSetupFromMenu,
  clearCacheFromMenu,
  rotateKeyFromMenu,
  setUpFromMenu,
  testLookupFromMenu,
} from './menu';
import { platform } from './services';
import { webAppDeps } from './wiring';

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
    return textOutput(answerRequest(event, webAppDeps()).text);
  } catch (err) {
    console.error(LOG.lookupFailed(describe(err)));
    return textOutput(AGENT.unavailable);
  }
}

export function doGet(e: GoogleAppsScript.Events.DoGet): GoogleAppsScript.Content.TextOutput {
  return answerSafely(e as unknown as WebAppEvent);
}

export function doPost(e: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  return answerSafely(e as unknown as WebAppEvent);
}

function recordSafely(change: Change, noted: string, failure: (reason: string) => string): void {
  try {
    const services = platform();
    recordChange(services, change, { [noted]: String(services.now()) });
  } catch (err) {
    console.error(failure(describe(err)));
  }
}

/** Simple trigger: every edit staff make by hand. Row 1 of any tab and the Settings tab are structure. */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const range = e && e.range;
  const structure = !range || range.getRow() === 1 || range.getSheet().getName() === SETTINGS_TAB;
  recordSafely(structure ? 'structure' : 'content', PROPERTY.editedAt, LOG.editNotRecorded);
}

/**
 * Installable change trigger (Set up installs it): inserted or deleted rows and columns, hidden
 * columns, sorting and new tabs, which the simple onEdit trigger does not see.
 */
export function onSheetChange(e: GoogleAppsScript.Events.SheetsOnChange): void {
  recordSafely(e && e.changeType === 'EDIT' ? 'content' : 'structure', PROPERTY.triggerRanAt, LOG.changeNotRecorded);
}

/** Simple trigger: the Contact lookup menu. */
export function onOpen(): void {
  try {
    addMenu();
  } catch (err) {
    console.error(LOG.menuNotAdded(describe(err)));
  }
}

function fromMenu(action: () => void): void {
  try {
    action();
  } catch (err) {
    console.error(LOG.menuFailed(describe(err)));
    const ui = SpreadsheetApp.getUi();
    ui.alert(MENU.failedTitle, MENU.failed(describe(err)), ui.ButtonSet.OK);
  }
}

export function menuSetUp(): void {
  fromMenu(setUpFromMenu);
}
export function menuTestLookup(): void {
  fromMenu(testLookupFromMenu);
}
export function menuCheckSetup(): void {
  fromMenu(checkSetupFromMenu);
}
export function menuRotateKey(): void {
  fromMenu(rotateKeyFromMenu);
}
export function menuClearCache(): void {
  fromMenu(clearCacheFromMenu);
}
