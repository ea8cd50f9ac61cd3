import {
  changeOfTrigger,
  changeTriggerState,
  TRIGGER_SILENCE_MS,
  triggerRecord,
} from '../../../src/core/admin/change-trigger';
import { newToken } from '../../../src/core/state/freshness';
import { CACHE_KEY, PROPERTY } from '../../../src/core/state/store-keys';

const at = (hours: number) => String(Date.UTC(2026, 0, 1) + hours * 3_600_000);

describe('changeTriggerState', () => {
  test('none recorded and none of this account', () => {
    expect(changeTriggerState({}, [])).toEqual({ kind: 'none' });
  });

  test('recorded and listed for this account: mine', () => {
    expect(changeTriggerState({ ...triggerRecord('t1', 5) }, ['t1'])).toEqual({
      kind: 'mine',
      id: 't1',
      recorded: true,
      installedAt: 5,
    });
  });

  test('listed for this account but not recorded (or another recorded): mine, to record', () => {
    expect(changeTriggerState({}, ['t9'])).toEqual({ kind: 'mine', id: 't9', recorded: false });
    expect(changeTriggerState({ [PROPERTY.triggerId]: 't1' }, ['t9'])).toEqual({
      kind: 'mine',
      id: 't9',
      recorded: false,
    });
  });

  test("recorded but not listed: another account's, alive while it keeps running after edits", () => {
    const properties = {
      ...triggerRecord('t1', Number(at(0))),
      [PROPERTY.triggerRanAt]: at(10),
      [PROPERTY.editedAt]: at(10.5),
    };
    expect(changeTriggerState(properties, [])).toMatchObject({ kind: 'another-account', seemsGone: false });
  });

  test('gone when the sheet was edited well after the trigger last ran', () => {
    const properties = { ...triggerRecord('t1', Number(at(0))), [PROPERTY.triggerRanAt]: at(10) };
    const edited = (ms: number) => ({ ...properties, [PROPERTY.editedAt]: String(Number(at(10)) + ms) });
    expect(changeTriggerState(edited(TRIGGER_SILENCE_MS), [])).toMatchObject({ seemsGone: false });
    expect(changeTriggerState(edited(TRIGGER_SILENCE_MS + 1), [])).toMatchObject({ seemsGone: true });
    expect(changeTriggerState({ ...triggerRecord('t1', Number(at(0))), [PROPERTY.editedAt]: at(5) }, [])).toMatchObject(
      {
        seemsGone: true,
      },
    );
  });
});

describe('what the change trigger records', () => {
  const now = Date.UTC(2026, 0, 1, 9);
  const recorded = (ago: number) => ({ [CACHE_KEY.contentChanged]: newToken(now - ago, () => 0.5) });

  test('rows, columns and tabs are structure', () => {
    expect(changeOfTrigger(false, {}, now)).toBe('structure');
  });

  test('an edit onEdit did not record may have touched an email column', () => {
    expect(changeOfTrigger(true, {}, now)).toBe('emails');
    expect(changeOfTrigger(true, recorded(60_000), now)).toBe('emails');
  });

  test('an edit onEdit recorded moments ago: nothing, once the trigger noted a run lately', () => {
    expect(changeOfTrigger(true, recorded(5_000), now)).toBe('content');
    expect(changeOfTrigger(true, { ...recorded(5_000), [CACHE_KEY.changeTriggerRan]: String(now) }, now)).toBe(
      undefined,
    );
  });
});
