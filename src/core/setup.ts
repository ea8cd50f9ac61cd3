/**
 * Contact lookup > Set up…: creates what is missing and never touches existing data. Safe to run
 * again, by any admin: a second admin's run adds no second trigger and keeps the key.
 */
import { changeTriggerState, TriggerPort, TriggerState, triggerRecord } from './change-trigger';
import { publishChange } from './freshness';
import { asText } from './app-tab-log';
import { StructureSnapshot } from './config';
import { isEmailHeader } from './layout';
import { SETUP } from './messages';
import { Platform } from './ports';
import { missingSettingRows, SETTINGS_HEADER } from './settings';
import { PROPERTY } from './store-keys';
import { DEFAULT_CONTACTS_TAB, SETTINGS_TAB } from './tabs';
import { utcMinute } from './text';

/** The spreadsheet as Set up sees it. */
export interface SetupSheet {
  spreadsheetId: string;
  /** Tabs, row 1 of each and the Settings tab, read as lookups read them. */
  structure(): StructureSnapshot;
  /** Appends rows (values as written) to a tab, creating it with `header` first when it is missing. */
  appendRows(tab: string, header: string[], rows: string[][]): void;
}

export interface SetupDeps {
  platform: Platform;
  sheet: SetupSheet;
  triggers: TriggerPort;
  newAccessKey(): string;
}

export interface SetupResult {
  /** What Set up did, one line each, for the admin. */
  done: string[];
  key: string;
  webAppUrl: string | undefined;
}

const DEFAULT_CONTACT_HEADERS = ['Email', 'Name', 'Company', 'Phone', 'Plan', 'Account manager', 'Notes'];

/** What Set up would find about the change trigger; the menu asks the admin before replacing a gone one. */
export function inspectChangeTrigger(deps: Pick<SetupDeps, 'platform' | 'triggers'>): TriggerState {
  return changeTriggerState(deps.platform.properties.getAll(), deps.triggers.ownChangeTriggerIds());
}

function ensureContactsTab(sheet: SetupSheet, { headers }: StructureSnapshot): string | undefined {
  const found = Object.entries(headers).some(
    ([tab, row]) => tab === DEFAULT_CONTACTS_TAB || row.cells.some(isEmailHeader),
  );
  if (found) return;
  sheet.appendRows(DEFAULT_CONTACTS_TAB, DEFAULT_CONTACT_HEADERS, []);
  return SETUP.createdContactsTab(DEFAULT_CONTACTS_TAB);
}

function ensureSettings(sheet: SetupSheet, { settingsRows }: StructureSnapshot): string | undefined {
  const missing = missingSettingRows(settingsRows ?? []);
  // Values stay text as typed: "(empty)", "off" and numbers alike.
  if (missing.length > 0)
    sheet.appendRows(
      SETTINGS_TAB,
      SETTINGS_HEADER,
      missing.map((row) => row.map(asText)),
    );
  if (settingsRows === null) return SETUP.createdSettingsTab(SETTINGS_TAB);
  return missing.length > 0 ? SETUP.addedSettings(missing.length, SETTINGS_TAB) : undefined;
}

/** The trigger's part of Set up: properties to record, and a line for the admin. */
function ensureChangeTrigger(
  deps: SetupDeps,
  state: TriggerState,
  replaceGone: boolean,
): [Record<string, string>, string?] {
  if (state.kind === 'mine') return [state.recorded ? {} : triggerRecord(state.id)];
  if (state.kind === 'another-account' && !(state.seemsGone && replaceGone)) {
    return [{}, SETUP.triggerOfAnotherAccount(utcMinute(state.installedAt))];
  }
  const record = triggerRecord(deps.triggers.installChangeTrigger(), deps.platform.now());
  return [record, state.kind === 'none' ? SETUP.installedTrigger : SETUP.replacedTrigger];
}

export function setUp(deps: SetupDeps, options: { replaceGoneTrigger: boolean }): SetupResult {
  const { platform, sheet } = deps;
  const properties = platform.properties.getAll();
  const done: string[] = [];
  const note = (line: string | undefined) => line && done.push(line);
  const structure = sheet.structure();
  note(ensureContactsTab(sheet, structure));
  note(ensureSettings(sheet, structure));
  const [updates, triggerNote] = ensureChangeTrigger(
    deps,
    changeTriggerState(properties, deps.triggers.ownChangeTriggerIds()),
    options.replaceGoneTrigger,
  );
  note(triggerNote);
  let key = properties[PROPERTY.accessKey];
  if (!key) {
    key = deps.newAccessKey();
    updates[PROPERTY.accessKey] = key;
    note(SETUP.createdKey);
  }
  if (properties[PROPERTY.spreadsheetId] !== sheet.spreadsheetId) updates[PROPERTY.spreadsheetId] = sheet.spreadsheetId;
  // Tabs, settings or the key may have changed: every deployment rebuilds its configuration.
  platform.lock.withLock(() => publishChange(platform, 'structure', updates));
  return { done, key, webAppUrl: properties[PROPERTY.webAppUrl] };
}
