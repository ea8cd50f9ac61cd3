/**
 * The change trigger through ScriptApp. getProjectTriggers() lists the current account's triggers
 * only (https://developers.google.com/apps-script/reference/script/script-app#getprojecttriggers).
 */
import { CHANGE_TRIGGER_HANDLER, TriggerPort } from '../core/change-trigger';

export function changeTriggers(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): TriggerPort {
  return {
    ownChangeTriggerIds: () =>
      ScriptApp.getProjectTriggers()
        .filter((trigger) => trigger.getHandlerFunction() === CHANGE_TRIGGER_HANDLER)
        .filter((trigger) => trigger.getEventType() === ScriptApp.EventType.ON_CHANGE)
        .map((trigger) => trigger.getUniqueId()),
    installChangeTrigger: () =>
      ScriptApp.newTrigger(CHANGE_TRIGGER_HANDLER).forSpreadsheet(spreadsheet).onChange().create().getUniqueId(),
  };
}
