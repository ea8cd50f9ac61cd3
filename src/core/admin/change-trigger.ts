/**
 * The installable change trigger that reports row, column and tab changes. Installable triggers
 * belong to the account that made them, and ScriptApp.getProjectTriggers() lists only the current
 * account's (https://developers.google.com/apps-script/reference/script/script-app#getprojecttriggers),
 * so the trigger's ID is recorded in Script Properties, and both triggers note when they last ran:
 * an edit seen by the simple onEdit trigger long after the change trigger last ran means it is gone.
 */
import { Change, contentChangedWithin } from '../state/freshness';
import { CACHE_KEY, PROPERTY } from '../state/store-keys';

export const CHANGE_TRIGGER_HANDLER = 'onSheetChange';
/** Writes chats kept in Script Properties; exits after one read when none waits. */
export const PENDING_TRIGGER_HANDLER = 'onPendingChatsTimer';
/**
 * Every 15 minutes: 96 runs a day, each one Script Properties read when nothing waits (well under a
 * second), far inside the 90 minutes of trigger runtime a consumer account has per day.
 */
export const PENDING_TRIGGER_MINUTES = 15;

/** Past this, an edit the change trigger did not follow means it no longer runs. */
export const TRIGGER_SILENCE_MS = 60 * 60 * 1000;

/** How recent an edit onEdit recorded must be for the change trigger to leave the same edit alone. */
const EDIT_RECORDED_WITHIN_MS = 20_000;
/** The change trigger notes a run in the cache for this long: Check setup allows it an hour. */
export const TRIGGER_RUN_NOTED_SECONDS = TRIGGER_SILENCE_MS / 2 / 1000;

/**
 * What the change trigger records for a change Google reports, given the cache entries it read
 * (CACHE_KEY.contentChanged and CACHE_KEY.changeTriggerRan; none for a change that is not an edit).
 * onEdit sees the same edits with their range (so whether one touched an email column): when it
 * recorded one moments ago, the trigger has nothing to add, and records nothing if it noted a run
 * within the last half hour (Check setup's proof that it runs); that saves two Properties calls and
 * trigger runtime per edit. An edit onEdit did not see (find and replace, say) may have touched an
 * email column, so it counts as one; row, column and tab changes are structure.
 */
export function changeOfTrigger(edit: boolean, cached: Record<string, string>, now: number): Change | undefined {
  if (!edit) return 'structure';
  if (!contentChangedWithin(cached, now, EDIT_RECORDED_WITHIN_MS)) return 'emails';
  return cached[CACHE_KEY.changeTriggerRan] ? undefined : 'content';
}

export interface TriggerPort {
  /** IDs of this account's change triggers for this spreadsheet. */
  ownChangeTriggerIds(): string[];
  /** Installs one for this account; returns its ID. */
  installChangeTrigger(): string;
  /** IDs of this account's time-driven triggers that write pending chats. */
  ownTimerTriggerIds(): string[];
  /** Installs one, every PENDING_TRIGGER_MINUTES, for this account; returns its ID. */
  installTimerTrigger(): string;
}

export type TriggerState =
  | { kind: 'none' }
  | { kind: 'mine'; id: string; recorded: boolean; installedAt?: number }
  | { kind: 'another-account'; installedAt?: number; ranAt?: number; editedAt?: number; seemsGone: boolean };

function time(properties: Record<string, string>, name: string): number | undefined {
  const value = Number(properties[name]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

export function changeTriggerState(properties: Record<string, string>, ownIds: string[]): TriggerState {
  const recorded = properties[PROPERTY.triggerId];
  const installedAt = time(properties, PROPERTY.triggerInstalledAt);
  if (recorded && ownIds.includes(recorded)) return { kind: 'mine', id: recorded, recorded: true, installedAt };
  if (ownIds.length > 0) return { kind: 'mine', id: ownIds[0], recorded: false };
  if (!recorded) return { kind: 'none' };
  const ranAt = time(properties, PROPERTY.triggerRanAt);
  const editedAt = time(properties, PROPERTY.editedAt);
  const lastSign = Math.max(ranAt ?? 0, installedAt ?? 0);
  const seemsGone = editedAt !== undefined && editedAt - lastSign > TRIGGER_SILENCE_MS;
  return { kind: 'another-account', installedAt, ranAt, editedAt, seemsGone };
}

/** The properties that record the trigger; the time only when this execution installed it. */
export function triggerRecord(id: string, installedAt?: number): Record<string, string> {
  const record: Record<string, string> = { [PROPERTY.triggerId]: id };
  if (installedAt !== undefined) record[PROPERTY.triggerInstalledAt] = String(installedAt);
  return record;
}
