/**
 * Apps Script entry points. Each only hands over to a use case, turning any failure into a short
 * text for the caller plus a console.error for the admin (Apps Script editor > Executions).
 */
import { Change, recordChange } from '../core/state/freshness';
import { bestEffort } from '../core/ports';
import { answerRequest } from '../core/web-app';
import { AGENT, because, LOG, MENU } from '../core/messages';
import { WebAppEvent } from '../core/request/request';
import { CACHE_KEY, PROPERTY } from '../core/state/store-keys';
import { changeOfEdit } from '../core/state/edit-kind';
import { changeOfTrigger, TRIGGER_RUN_NOTED_SECONDS } from '../core/admin/change-trigger';
import {
  addMenu,
  checkSetupFromMenu,
  clearCacheFromMenu,
  measureFromMenu,
  forgetVisitorFromMenu,
  rotateKeyFromMenu,
  setUpFromMenu,
  testLookupFromMenu,
} from './menu';
import { platform } from './services';
import { appTabs } from './spreadsheet';
import { writePendingChats } from '../core/chats/chat-recording';
import { webAppDeps } from './wiring';

/** Runs `work`; a failure goes to the execution log as `logLine`, then to `after` (a dialog, from the menu). */
function guarded(work: () => void, logLine: string, after?: (reason: string) => void): void {
  try {
    work();
  } catch (err) {
    // Duck-typed: service errors need not share this script's Error.
    const message = (err as { message?: unknown } | null)?.message;
    const reason = typeof message === 'string' ? message : String(err);
    console.error(because(logLine, reason));
    after?.(reason);
  }
}

function answerSafely(event: WebAppEvent | undefined): GoogleAppsScript.Content.TextOutput {
  let text: string = AGENT.unavailable;
  guarded(() => void (text = answerRequest(event, webAppDeps()).text), LOG.lookupFailed);
  return ContentService.createTextOutput(text).setMimeType(ContentService.MimeType.TEXT);
}

export function doGet(e: GoogleAppsScript.Events.DoGet): GoogleAppsScript.Content.TextOutput {
  return answerSafely(e as unknown as WebAppEvent);
}

export function doPost(e: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  return answerSafely(e as unknown as WebAppEvent);
}

/** Records a change, and when the trigger that saw it ran (for Check setup). */
function recordSafely(change: Change | ((properties: Record<string, string>) => Change), ranAt: string): void {
  guarded(() => {
    const services = platform();
    recordChange(services, change, { [ranAt]: String(services.now()) });
  }, LOG.notRecorded);
}

/**
 * Simple trigger: every edit staff make by hand. Row 1 of any tab and the Settings tab are structure;
 * an email column of the contacts tab also changes the email index; other cells only the answers.
 */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const range = e && e.range;
  const edit = range && {
    tab: range.getSheet().getName(),
    row: range.getRow(),
    column: range.getColumn(),
    lastColumn: range.getLastColumn(),
  };
  recordSafely((properties) => changeOfEdit(edit, properties), PROPERTY.editedAt);
}

/**
 * Installable change trigger (Set up installs it): inserted or deleted rows and columns, hidden
 * columns, sorting and new tabs, which the simple onEdit trigger does not see.
 */
export function onSheetChange(e: GoogleAppsScript.Events.SheetsOnChange): void {
  const edit = !!e && e.changeType === 'EDIT';
  guarded(() => {
    const services = platform();
    const log = services.log;
    let cached: Record<string, string> = {};
    const keys = [CACHE_KEY.contentChanged, CACHE_KEY.changeTriggerRan];
    if (edit) bestEffort(log, LOG.cacheReadFailed, () => (cached = services.cache.getAll(keys)));
    const change = changeOfTrigger(edit, cached, services.now());
    if (!change) return;
    recordChange(services, change, { [PROPERTY.triggerRanAt]: String(services.now()) });
    const ran = { [CACHE_KEY.changeTriggerRan]: String(services.now()) };
    bestEffort(log, LOG.cacheWriteFailed, () => services.cache.putAll(ran, TRIGGER_RUN_NOTED_SECONDS));
  }, LOG.notRecorded);
}

/**
 * Time-driven trigger (Set up installs it, every 15 minutes): writes the chats kept in Script
 * Properties when the Chats tab could not take them. One Script Properties read when none waits.
 */
export function onPendingChatsTimer(): void {
  guarded(() => {
    const services = platform();
    const properties = services.properties.getAll();
    const spreadsheetId = properties[PROPERTY.spreadsheetId];
    if (!spreadsheetId) return;
    writePendingChats(services, () => appTabs(() => SpreadsheetApp.openById(spreadsheetId)), properties);
  }, LOG.pendingFailed);
}

/** Simple trigger: the Contact lookup menu. */
export function onOpen(): void {
  guarded(addMenu, LOG.menuFailed);
}

function fromMenu(action: () => void): void {
  guarded(action, LOG.menuFailed, (reason) => {
    const ui = SpreadsheetApp.getUi();
    ui.alert(MENU.failedTitle, MENU.failed(reason), ui.ButtonSet.OK);
  });
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
export function menuMeasure(): void {
  fromMenu(measureFromMenu);
}
export function menuRotateKey(): void {
  fromMenu(rotateKeyFromMenu);
}
export function menuClearCache(): void {
  fromMenu(clearCacheFromMenu);
}
export function menuForgetVisitor(): void {
  fromMenu(forgetVisitorFromMenu);
}
