/**
 * The Contact lookup menu: dialogs around the core's use cases. Everything shown comes from the
 * message catalogue; every failure says what to do next.
 */
import { answerRequest } from '../core/web-app';
import { changeTriggerState } from '../core/admin/change-trigger';
import { clearCache, rotateAccessKey } from '../core/admin/key-rotation';
import { LOG, MEASURE, MENU, REPORT, SETUP } from '../core/messages';
import { keptConfig } from '../core/state/config';
import { forgetVisitor } from '../core/admin/forget-visitor';
import { inspectChangeTrigger, setUp } from '../core/admin/setup';
import { setupReport } from '../core/admin/setup-report';
import { CACHE_KEY, PROPERTY } from '../core/state/store-keys';
import { CHATS_TAB } from '../core/tabs/tabs';
import { utcMinute } from '../core/text';
import { isExecUrl, snapEngageUrl } from '../core/admin/web-app-url';
import { BUILD } from './build-info';
import { changeTriggers } from './change-trigger';
import { platform, scriptProperties, sha256Hex } from './services';
import { webAppDeps, rebuildConfig, setupDeps } from './wiring';
import { measureReport } from '../core/admin/measure';
import { checkEmail } from '../core/request/email';
import { cleanEmail } from '../core/request/cleaning';
import { measureOnGoogle } from './measure';
import { appTabs, emailCells } from './spreadsheet';
import { Config } from '../core/state/config';
import { AppTabSpec } from '../core/ports';
import { CHATS } from '../core/chats/chats';
import { LOOKUP_LOG } from '../core/lookup/lookup-log';
import { cachedDayCount, countToday } from '../core/chats/chat-limits';
import { pendingCount } from '../core/chats/pending-chats';
import { cellsPerDay } from '../core/admin/capacity';

type Ui = GoogleAppsScript.Base.Ui;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Each item calls the top-level function of that name (src/gas/entry-points.ts). */
export function addMenu(): void {
  SpreadsheetApp.getUi()
    .createMenu(MENU.title)
    .addItem(MENU.setUp, 'menuSetUp')
    .addItem(MENU.testLookup, 'menuTestLookup')
    .addItem(MENU.checkSetup, 'menuCheckSetup')
    .addItem(MEASURE.menuItem, 'menuMeasure')
    .addSeparator()
    .addItem(MENU.rotateKey, 'menuRotateKey')
    .addItem(MENU.clearCache, 'menuClearCache')
    .addItem(MENU.forgetVisitor, 'menuForgetVisitor')
    .addToUi();
}

/** Shows a dialog; with `ask`, Yes and No buttons, and whether Yes was chosen. */
function alert(title: string, text: string, ask = false): boolean {
  const ui = SpreadsheetApp.getUi();
  return ui.alert(title, text, ask ? ui.ButtonSet.YES_NO : ui.ButtonSet.OK) === ui.Button.YES;
}

/** The text typed, or undefined when the prompt was cancelled. */
function prompt(ui: Ui, title: string, text: string): string | undefined {
  const reply = ui.prompt(title, text, ui.ButtonSet.OK_CANCEL);
  return reply.getSelectedButton() === ui.Button.OK ? reply.getResponseText() : undefined;
}

/** An email the admin types, cleaned as requests are; undefined when cancelled or not an email (said in a dialog). */
function promptEmail(title: string, text: string, notAnEmail?: string): string | undefined {
  const typed = prompt(SpreadsheetApp.getUi(), title, text);
  if (typed === undefined) return;
  const email = checkEmail(cleanEmail(typed));
  if (email.ok) return email.email;
  return void alert(title, notAnEmail ?? email.error);
}

function urlHelp(url: string | undefined, key: string): string {
  return url ? SETUP.pasteUrl(snapEngageUrl(url, key)) : SETUP.pasteKeyEnding(key);
}

/** The /exec URL, pasted once by the admin when no live request has noted it yet. */
function askWebAppUrl(ui: Ui): string | undefined {
  const url = prompt(ui, MENU.title, MENU.webAppUrlPrompt)?.trim();
  if (url === undefined) return;
  if (!isExecUrl(url)) return void alert(MENU.notWebAppUrlTitle, MENU.notWebAppUrl);
  scriptProperties().setAll({ [PROPERTY.webAppUrl]: url });
  return url;
}

export function setUpFromMenu(): void {
  const deps = setupDeps();
  const trigger = inspectChangeTrigger(deps);
  const replaceGoneTrigger =
    trigger.kind === 'another-account' &&
    trigger.seemsGone &&
    trigger.editedAt !== undefined &&
    alert(MENU.replaceTriggerTitle, MENU.replaceTrigger(utcMinute(trigger.editedAt)), true);
  const result = setUp(deps, { replaceGoneTrigger });
  const url = result.webAppUrl ?? askWebAppUrl(SpreadsheetApp.getUi());
  alert(MENU.setUpTitle, SETUP.summary(result.done, urlHelp(url, result.key)));
}

export function testLookupFromMenu(): void {
  const key = scriptProperties().getAll()[PROPERTY.accessKey];
  if (!key) return void alert(MENU.title, MENU.notSetUp);
  const email = prompt(SpreadsheetApp.getUi(), MENU.testLookup, MENU.testLookupPrompt);
  if (email === undefined) return;
  // The web app's own path, with the stored key, so this shows exactly what an agent would see.
  const event = { parameter: { email, key } };
  const { text, leftOut } = answerRequest(event, webAppDeps(), true);
  const below = leftOut?.length ? [MENU.leftOutTitle, ...leftOut.map((line) => `• ${line}`)] : [MENU.nothingLeftOut];
  alert(MENU.agentSees, [text || MENU.emptyAnswer, ...(leftOut ? ['', '―――', ...below] : [])].join('\n'));
}

/** Room in the spreadsheet, chats waiting and today's chats, for Check setup. */
function capacityFacts(
  book: Spreadsheet,
  config: Config,
  properties: Record<string, string>,
  cached: string | undefined,
  now: number,
) {
  const tabs = appTabs(() => book);
  const times = (spec: AppTabSpec) => {
    const last = tabs.prepare(spec, false);
    return last === undefined ? [] : tabs.column(spec.name, 0, 2, last);
  };
  const chats = times(CHATS);
  const dayOf = (ms: number) => Utilities.formatDate(new Date(ms), config.timeZone ?? 'Etc/UTC', 'yyyy-MM-dd');
  const today = dayOf(now);
  return {
    cells: config.cells,
    cellsPerDay: cellsPerDay(
      [
        { times: chats, width: CHATS.headers.length },
        { times: times(LOOKUP_LOG), width: LOOKUP_LOG.headers.length },
      ],
      now,
    ),
    pendingChats: pendingCount(properties),
    chatsToday: config.settings.chatHistory
      ? (cachedDayCount(cached, today) ?? countToday(chats, now, today, dayOf))
      : undefined,
    chatsPerDay: config.settings.chatsPerDay,
  };
}

export function checkSetupFromMenu(): void {
  const book = SpreadsheetApp.getActiveSpreadsheet();
  const services = platform();
  let properties: Record<string, string>;
  try {
    properties = services.properties.getAll();
  } catch (err) {
    // What lookups do meanwhile: the configuration they fall back to, if the cache holds one.
    const kept = keptConfig(services.cache.getAll([CACHE_KEY.config])[CACHE_KEY.config]);
    return void alert(MENU.checkSetup, REPORT.propertiesUnavailable(String(err), kept && utcMinute(kept.builtAt)));
  }
  const config = rebuildConfig({ ...properties, [PROPERTY.spreadsheetId]: book.getId() }, '', services, () => book);
  const cached = services.cache.getAll([CACHE_KEY.lastLookup, CACHE_KEY.chatsToday]);
  const lastLookup = Number(cached[CACHE_KEY.lastLookup]);
  const chats = book.getSheetByName(CHATS_TAB);
  const report = setupReport({
    build: BUILD,
    keySet: Boolean(properties[PROPERTY.accessKey]),
    // The properties just read, and this account's own triggers.
    trigger: changeTriggerState(properties, changeTriggers(book).ownChangeTriggerIds()),
    webAppUrl: properties[PROPERTY.webAppUrl],
    lastLookup: lastLookup || undefined,
    config,
    emailCells: 'layout' in config.contacts ? emailCells(book, config.contacts.layout) : [],
    chats: chats ? Math.max(0, chats.getLastRow() - 1) : undefined,
    capacity: capacityFacts(book, config, properties, cached[CACHE_KEY.chatsToday], services.now()),
  });
  alert(MENU.checkSetup, report);
}

export function rotateKeyFromMenu(): void {
  if (!alert(MENU.rotateTitle, MENU.rotateConfirm, true)) return;
  const deps = setupDeps();
  const rotation = rotateAccessKey(deps.platform, deps.newAccessKey);
  if (!rotation.done) return void alert(MENU.busyTitle, MENU.busy);
  const help = urlHelp(deps.platform.properties.getAll()[PROPERTY.webAppUrl], rotation.key);
  alert(MENU.rotatedTitle, MENU.rotated(help) + (rotation.stale ? `\n\n${MENU.staleWarning}` : ''));
}

export function clearCacheFromMenu(): void {
  const outcome = clearCache(platform());
  if (!outcome.done) alert(MENU.busyTitle, MENU.busy);
  else alert(MENU.clearedTitle, MENU.cleared + (outcome.stale ? `\n\n${MENU.staleWarning}` : ''));
}

/** Times a lookup's calls on this spreadsheet beside the cost model's figures (src/gas/measure.ts). */
export function measureFromMenu(): void {
  const email = promptEmail(MEASURE.menuItem, MEASURE.prompt, MEASURE.notAnEmail);
  if (email === undefined) return;
  const book = SpreadsheetApp.getActiveSpreadsheet();
  // Where the contacts are, read afresh as Check setup does; this needs neither Set up nor the cache.
  const config = rebuildConfig({ [PROPERTY.spreadsheetId]: book.getId() }, '', platform(), () => book);
  alert(MEASURE.title, measureReport(measureOnGoogle(book, email, config.contacts)));
}

/** Removes one visitor's chats, log rows, waiting chats and cached answer (a request to erase personal data). */
export function forgetVisitorFromMenu(): void {
  const email = promptEmail(MENU.forgetVisitor, MENU.forgetPrompt);
  if (email === undefined) return;
  const book = SpreadsheetApp.getActiveSpreadsheet();
  const services = platform();
  const removed = forgetVisitor(
    services,
    appTabs(() => book),
    sha256Hex,
    email,
  );
  if (!removed) return void alert(MENU.busyTitle, MENU.busy);
  const { chats, logRows, waiting } = removed;
  services.log.info(LOG.visitorForgotten(chats + logRows + waiting));
  alert(MENU.forgottenTitle, MENU.forgotten(email, chats, logRows, waiting));
}
