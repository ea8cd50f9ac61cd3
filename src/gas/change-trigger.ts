/**
 * The change trigger through ScriptApp. getProjectTriggers() lists the current account's triggers
 * only (https://developers.google.com/apps-script/reference/script/script-app#getprojecttriggers).
 */
import {
  CHANGE_TRIGGER_HANDLER,
  PENDING_TRIGGER_HANDLER,
  PENDING_TRIGGER_MINUTES,
  TriggerPort,
} from '../core/admin/change-trigger';

export function changeTriggers(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): TriggerPort {
  return {
    ownChangeTriggerIds: () =>
      ScriptApp.getProjectTriggers()
        .filter(
          (t) =>
            t.getHandlerFunction() === CHANGE_TRIGGER_HANDLER && t.getEventType() === ScriptApp.EventType.ON_CHANGE,
        )
        .map((t) => t.getUniqueId()),
    installChangeTrigger: () =>
      ScriptApp.newTrigger(CHANGE_TRIGGER_HANDLER).forSpreadsheet(spreadsheet).onChange().create().getUniqueId(),
    ownTimerTriggerIds: () =>
      ScriptApp.getProjectTriggers()
        .filter((t) => t.getHandlerFunction() === PENDING_TRIGGER_HANDLER)
        .map((t) => t.getUniqueId()),
    installTimerTrigger: () =>
      ScriptApp.newTrigger(PENDING_TRIGGER_HANDLER)
        .timeBased()
        .everyMinutes(PENDING_TRIGGER_MINUTES)
        .create()
        .getUniqueId(),
  };
}
