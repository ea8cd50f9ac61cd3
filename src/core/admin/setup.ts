/**
 * admin/: what the staff menu does — Set up, the Check setup report, key rotation, the change trigger, the web app's URL.
 *
 * Contact lookup > Set up…: creates what is missing and never touches existing data. Safe to run
 * again, by any admin: a second admin's run adds no second trigger and keeps the key.
 */
import { changeTriggerState, TriggerPort, TriggerState, triggerRecord } from './change-trigger';
import { publishChange } from '../state/freshness';
import { asText } from '../tabs/app-tab-log';
import { StructureSnapshot } from '../state/config';
import { isEmailHeader } from '../state/layout';
import { SETUP } from '../messages';
import { AppTabs, AppTabSpec, Platform } from '../ports';
import { CHATS } from '../chats/chats';
import { LOOKUP_LOG } from '../lookup/lookup-log';
import { missingSettingRows, SETTINGS_HEADER } from '../state/settings';
import { PROPERTY } from '../state/store-keys';
import { DEFAULT_CONTACTS_TAB, SETTINGS_TAB } from '../tabs/tabs';
import { utcMinute } from '../text';

/** The spreadsheet as Set up sees it. */
export interface SetupSheet {
  spreadsheetId: string;
  /** Tabs, row 1 of each and the Settings tab, read as lookups read them. */
  structure(): StructureSnapshot;
  /** Appends rows (values as written) to a tab, creating it first when it is missing. */
  append: AppTabs['appendRows'];
  /**
   * Deletes the empty columns to the right of these tabs' own columns and of anything written there;
   * returns the cells freed.
   */
  trimColumns(tabs: AppTabSpec[]): number;
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

/** Creates only what is missing; each line of `done` says what it did, for the admin. */
export function setUp(deps: SetupDeps, options: { replaceGoneTrigger: boolean }): SetupResult {
  const { platform, sheet, triggers } = deps;
  const properties = platform.properties.getAll();
  const { headers, settingsRows } = sheet.structure();
  const done: string[] = [];
  if (!Object.entries(headers).some(([tab, row]) => tab === DEFAULT_CONTACTS_TAB || row.cells.some(isEmailHeader))) {
    sheet.append({ name: DEFAULT_CONTACTS_TAB, headers: DEFAULT_CONTACT_HEADERS }, []);
    done.push(SETUP.createdContactsTab(DEFAULT_CONTACTS_TAB));
  }
  const missing = missingSettingRows(settingsRows ?? []);
  // Values stay text as typed: "(empty)", "off" and numbers alike.
  if (missing.length)
    sheet.append(
      { name: SETTINGS_TAB, headers: SETTINGS_HEADER },
      missing.map((row) => row.map(asText)),
    );
  if (!settingsRows) done.push(SETUP.createdSettingsTab(SETTINGS_TAB));
  else if (missing.length) done.push(SETUP.addedSettings(missing.length, SETTINGS_TAB));
  // Tabs made before the app trimmed its own count 26 columns each against Google's 10,000,000 cells.
  const freed = sheet.trimColumns([CHATS, LOOKUP_LOG, { name: SETTINGS_TAB, headers: SETTINGS_HEADER }]);
  if (freed > 0) done.push(SETUP.trimmedColumns(freed));

  let updates: Record<string, string> = {};
  const trigger = changeTriggerState(properties, triggers.ownChangeTriggerIds());
  if (trigger.kind === 'mine') {
    if (!trigger.recorded) updates = triggerRecord(trigger.id);
  } else if (trigger.kind === 'another-account' && !(trigger.seemsGone && options.replaceGoneTrigger)) {
    done.push(SETUP.triggerOfAnotherAccount(utcMinute(trigger.installedAt)));
  } else {
    updates = triggerRecord(triggers.installChangeTrigger(), platform.now());
    done.push(trigger.kind === 'none' ? SETUP.installedTrigger : SETUP.replacedTrigger);
  }
  // The writer of chats kept in Script Properties: one per spreadsheet, whoever installed it; it goes
  // with its installer's account, like the change trigger, so it is installed again with that one.
  const changeTriggerInstalled = PROPERTY.triggerInstalledAt in updates;
  const timerKnown = Boolean(properties[PROPERTY.pendingTriggerId]) && !changeTriggerInstalled;
  if (!timerKnown && triggers.ownTimerTriggerIds().length === 0) {
    updates[PROPERTY.pendingTriggerId] = triggers.installTimerTrigger();
    done.push(SETUP.installedPendingTrigger);
  }
  let key = properties[PROPERTY.accessKey];
  if (!key) {
    key = deps.newAccessKey();
    updates[PROPERTY.accessKey] = key;
    done.push(SETUP.createdKey);
  }
  if (properties[PROPERTY.spreadsheetId] !== sheet.spreadsheetId) updates[PROPERTY.spreadsheetId] = sheet.spreadsheetId;
  // Tabs, settings or the key may have changed: every deployment rebuilds its configuration.
  platform.lock.withLock(() => publishChange(platform, 'structure', updates));
  return { done, key, webAppUrl: properties[PROPERTY.webAppUrl] };
}
