/**
 * ScriptApp: the web app's URL and installable triggers. getService().getUrl() answers the live
 * /exec URL only while a web-app request runs; elsewhere it may give a /dev or stale URL, as the
 * developers' guide warns, so the fake answers the /dev URL there.
 */

export interface FakeTrigger {
  getHandlerFunction(): string;
  getEventType(): string;
  getTriggerSource(): string;
  getTriggerSourceId(): string;
  getUniqueId(): string;
}

export class FakeScriptApp {
  triggers: FakeTrigger[] = [];
  /** The deployment's URL while a request is being served; undefined outside one. */
  liveUrl: string | undefined;
  EventType = {
    CLOCK: 'CLOCK',
    ON_OPEN: 'ON_OPEN',
    ON_EDIT: 'ON_EDIT',
    ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
    ON_CHANGE: 'ON_CHANGE',
  };
  AuthMode = { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' };
  TriggerSource = { SPREADSHEETS: 'SPREADSHEETS', CLOCK: 'CLOCK' };

  constructor(
    readonly scriptId: string,
    private readonly functionExists: (name: string) => boolean,
  ) {}

  getService() {
    return { getUrl: () => this.liveUrl ?? `https://script.google.com/macros/s/${this.scriptId}/dev` };
  }

  getProjectTriggers(): FakeTrigger[] {
    return [...this.triggers];
  }

  deleteTrigger(trigger: FakeTrigger): void {
    this.triggers = this.triggers.filter((t) => t.getUniqueId() !== trigger.getUniqueId());
  }

  newTrigger(functionName: string) {
    const create = (eventType: string, sourceId: string) => () => {
      if (!this.functionExists(functionName)) throw new Error(`Script function not found: ${functionName}`);
      const id = String(this.triggers.length + 1) + Math.random().toString(36).slice(2, 8);
      const trigger: FakeTrigger = {
        getHandlerFunction: () => functionName,
        getEventType: () => eventType,
        getTriggerSource: () => 'SPREADSHEETS',
        getTriggerSourceId: () => sourceId,
        getUniqueId: () => id,
      };
      this.triggers.push(trigger);
      return trigger;
    };
    return {
      forSpreadsheet: (spreadsheet: { getId(): string } | string) => {
        const id = typeof spreadsheet === 'string' ? spreadsheet : spreadsheet.getId();
        return {
          onChange: () => ({ create: create('ON_CHANGE', id) }),
          onEdit: () => ({ create: create('ON_EDIT', id) }),
          onOpen: () => ({ create: create('ON_OPEN', id) }),
          onFormSubmit: () => ({ create: create('ON_FORM_SUBMIT', id) }),
        };
      },
    };
  }
}
