/**
 * The Contact lookup menu: dialogs around the core's use cases. Everything shown comes from the
 * message catalogue; every failure says what to do next.
 */
import { Answer } from '../core/serving';
import { answerRequest } from '../core/web-app';
import { clearCache, rotateAccessKey } from '../core/key-rotation';
import { MENU, SETUP } from '../core/messages';
import { inspectChangeTrigger, setUp } from '../core/setup';
import { setupReport } from '../core/setup-report';
import { CACHE_KEY, PROPERTY } from '../core/store-keys';
import { CHATS_TAB } from '../core/tabs';
import { utcMinute } from '../core/text';
import { isExecUrl, snapEngageUrl } from '../core/web-app-url';
import { BUILD } from './build-info';
import { platform, scriptProperties } from './services';
import { webAppDeps, rebuildConfig, setupDeps } from './wiring';

type Ui = GoogleAppsScript.Base.Ui;

/** Caption and top-level handler of each menu item; null is a separator. */
const MENU_ITEMS: ([string, string] | null)[] = [
  [MENU.setUp, 'menuSetUp'],
  [MENU.testLookup, 'menuTestLookup'],
  [MENU.checkSetup, 'menuCheckSetup'],
  null,
  [MENU.rotateKey, 'menuRotateKey'],
  [MENU.clearCache, 'menuClearCache'],
];

export function addMenu(): void {
  const menu = SpreadsheetApp.getUi().createMenu(MENU.title);
  for (const item of MENU_ITEMS) {
    if (item) menu.addItem(item[0], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
}

function urlHelp(url: string | undefined, key: string): string {
  return url ? SETUP.pasteUrl(snapEngageUrl(url, key)) : SETUP.pasteKeyEnding(key);
}

/** The /exec URL, pasted once by the admin when no live request has noted it yet. */
function askWebAppUrl(ui: Ui): string | undefined {
  const reply = ui.prompt(MENU.webAppUrlTitle, MENU.webAppUrlPrompt, ui.ButtonSet.OK_CANCEL);
  if (reply.getSelectedButton() !== ui.Button.OK) return undefined;
  const url = reply.getResponseText().trim();
  if (!isExecUrl(url)) {
    ui.alert(MENU.notWebAppUrlTitle, MENU.notWebAppUrl, ui.ButtonSet.OK);
    return undefined;
  }
  scriptProperties().setAll({ [PROPERTY.webAppUrl]: url });
  return url;
}

export function setUpFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const deps = setupDeps(SpreadsheetApp.getActiveSpreadsheet());
  const trigger = inspectChangeTrigger(deps);
  const replaceGoneTrigger =
    trigger.kind === 'another-account' &&
    trigger.seemsGone &&
    trigger.editedAt !== undefined &&
    ui.alert(MENU.replaceTriggerTitle, MENU.replaceTrigger(utcMinute(trigger.editedAt)), ui.ButtonSet.YES_NO) ===
      ui.Button.YES;
  const result = setUp(deps, { replaceGoneTrigger });
  const url = result.webAppUrl ?? askWebAppUrl(ui);
  ui.alert(MENU.setUpTitle, SETUP.summary(result.done, urlHelp(url, result.key)), ui.ButtonSet.OK);
}

function explained(answer: Answer): string {
  const text = answer.text === '' ? MENU.emptyAnswer : answer.text;
  const left = answer.leftOut;
  if (!left) return text;
  const lines = [
    ...(left.hiddenColumns.length ? [MENU.leftOutHidden(left.hiddenColumns)] : []),
    ...(left.underscoreColumns.length ? [MENU.leftOutUnderscore(left.underscoreColumns)] : []),
    ...(left.matchesNotShown > 0 ? [MENU.leftOutMatches(left.matchesNotShown, left.maxMatches)] : []),
  ];
  const below = lines.length ? [MENU.leftOutTitle, ...lines.map((line) => `• ${line}`)] : [MENU.nothingLeftOut];
  return [text, '', '―――', ...below].join('\n');
}

export function testLookupFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const properties = scriptProperties().getAll();
  const key = properties[PROPERTY.accessKey];
  if (!key) {
    ui.alert(MENU.notSetUpTitle, MENU.notSetUp, ui.ButtonSet.OK);
    return;
  }
  const reply = ui.prompt(MENU.testLookupTitle, MENU.testLookupPrompt, ui.ButtonSet.OK_CANCEL);
  if (reply.getSelectedButton() !== ui.Button.OK) return;
  const email = reply.getResponseText();
  // The web app's own path, with the stored key, so this shows exactly what an agent would see.
  const event = { parameter: { email, key }, parameters: { email: [email], key: [key] } };
  ui.alert(MENU.testLookupResultTitle, explained(answerRequest(event, webAppDeps(), true)), ui.ButtonSet.OK);
}

export function checkSetupFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const book = SpreadsheetApp.getActiveSpreadsheet();
  const services = platform();
  const properties = services.properties.getAll();
  const config = rebuildConfig({ ...properties, [PROPERTY.spreadsheetId]: book.getId() }, '', services.now());
  let emailCells: string[][] = [];
  const contacts = config.contacts;
  const sheet = 'layout' in contacts ? book.getSheetByName(contacts.layout.tab) : null;
  if ('layout' in contacts && sheet && sheet.getLastRow() > 1) {
    const columns = contacts.layout.emailColumns;
    const first = Math.min(...columns);
    const block = sheet
      .getRange(2, first + 1, sheet.getLastRow() - 1, Math.max(...columns) - first + 1)
      .getDisplayValues();
    emailCells = block.map((row) => columns.map((c) => row[c - first]));
  }
  const lastLookup = Number(services.cache.getAll([CACHE_KEY.lastLookup])[CACHE_KEY.lastLookup]);
  const report = setupReport({
    build: BUILD,
    keySet: Boolean(properties[PROPERTY.accessKey]),
    trigger: inspectChangeTrigger(setupDeps(book)),
    webAppUrl: properties[PROPERTY.webAppUrl],
    lastLookup: lastLookup > 0 ? lastLookup : undefined,
    config,
    emailCells,
    chats: chatRows(book),
  });
  ui.alert(MENU.checkSetupTitle, report, ui.ButtonSet.OK);
}

function chatRows(book: GoogleAppsScript.Spreadsheet.Spreadsheet): number | undefined {
  const sheet = book.getSheetByName(CHATS_TAB);
  return sheet ? Math.max(0, sheet.getLastRow() - 1) : undefined;
}

export function rotateKeyFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  if (ui.alert(MENU.rotateTitle, MENU.rotateConfirm, ui.ButtonSet.YES_NO) !== ui.Button.YES) return;
  const deps = setupDeps(SpreadsheetApp.getActiveSpreadsheet());
  const rotation = rotateAccessKey(deps.platform, deps.newAccessKey);
  if (!rotation.done) {
    ui.alert(MENU.busyTitle, MENU.busy, ui.ButtonSet.OK);
    return;
  }
  const help = urlHelp(deps.platform.properties.getAll()[PROPERTY.webAppUrl], rotation.key);
  const message = MENU.rotated(help) + (rotation.stale ? `\n\n${MENU.staleWarning}` : '');
  ui.alert(MENU.rotatedTitle, message, ui.ButtonSet.OK);
}

export function clearCacheFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const outcome = clearCache(platform());
  if (!outcome.done) ui.alert(MENU.busyTitle, MENU.busy, ui.ButtonSet.OK);
  else ui.alert(MENU.clearedTitle, MENU.cleared + (outcome.stale ? `\n\n${MENU.staleWarning}` : ''), ui.ButtonSet.OK);
}
