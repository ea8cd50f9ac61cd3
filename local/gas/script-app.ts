/**
 * ScriptApp: the web app's URL and installable triggers.
 * - getService().getUrl() answers the live /exec URL only while a web-app request runs; elsewhere
 *   it may give a /dev or stale URL, as the developers' guide warns, so the fake answers /dev there.
 * - Installable triggers belong to the account that created them and run as that account;
 *   getProjectTriggers() "gets all installable triggers associated with the current project and
 *   current user" (https://developers.google.com/apps-script/reference/script/script-app#getprojecttriggers).
 *   When an account goes, its triggers go with it (removeAccount).
 */

export interface FakeTrigger {
  getHandlerFunction(): string;
  getEventType(): string;
  getTriggerSource(): string;
  getTriggerSourceId(): string;
  getUniqueId(): string;
}

interface StoredTrigger {
  id: string;
  handler: string;
  eventType: string;
  sourceId: string;
  owner: string;
}

const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
};

function view(trigger: StoredTrigger): FakeTrigger {
  return {
    getHandlerFunction: () => trigger.handler,
    getEventType: () => trigger.eventType,
    getTriggerSource: () => (trigger.eventType === EventType.CLOCK ? 'CLOCK' : 'SPREADSHEETS'),
    getTriggerSourceId: () => trigger.sourceId,
    getUniqueId: () => trigger.id,
  };
}

export class FakeScriptApp {
  private triggers: StoredTrigger[] = [];
  private nextId = 1;
  /** The deployment's URL while a request is being served; undefined outside one. */
  liveUrl: string | undefined;
  EventType = EventType;
  AuthMode = { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' };
  TriggerSource = { SPREADSHEETS: 'SPREADSHEETS', CLOCK: 'CLOCK' };

  constructor(
    readonly scriptId: string,
    private readonly functionExists: (name: string) => boolean,
    /** The account the current execution runs as. */
    private readonly currentUser: () => string,
  ) {}

  getService() {
    return { getUrl: () => this.liveUrl ?? `https://script.google.com/macros/s/${this.scriptId}/dev` };
  }

  getProjectTriggers(): FakeTrigger[] {
    const user = this.currentUser();
    return this.triggers.filter((t) => t.owner === user).map(view);
  }

  deleteTrigger(trigger: FakeTrigger): void {
    const user = this.currentUser();
    this.triggers = this.triggers.filter((t) => !(t.id === trigger.getUniqueId() && t.owner === user));
  }

  newTrigger(functionName: string) {
    const create = (eventType: string, sourceId: string) => () => {
      if (!this.functionExists(functionName)) throw new Error(`Script function not found: ${functionName}`);
      const stored = {
        id: `trigger-${this.nextId++}`,
        handler: functionName,
        eventType,
        sourceId,
        owner: this.currentUser(),
      };
      this.triggers.push(stored);
      return view(stored);
    };
    return {
      /** everyMinutes takes 1, 5, 10, 15 or 30, as Google's ClockTriggerBuilder does. */
      timeBased: () => ({
        everyMinutes: (minutes: number) => {
          if (![1, 5, 10, 15, 30].includes(minutes)) throw new Error('Invalid argument: minutes');
          return { create: create(EventType.CLOCK, '') };
        },
      }),
      forSpreadsheet: (spreadsheet: { getId(): string } | string) => {
        const id = typeof spreadsheet === 'string' ? spreadsheet : spreadsheet.getId();
        return {
          onChange: () => ({ create: create(EventType.ON_CHANGE, id) }),
          onEdit: () => ({ create: create(EventType.ON_EDIT, id) }),
          onOpen: () => ({ create: create(EventType.ON_OPEN, id) }),
          onFormSubmit: () => ({ create: create(EventType.ON_FORM_SUBMIT, id) }),
        };
      },
    };
  }

  /** Every account's triggers (not an Apps Script method): what Google would fire. */
  allTriggers(): { handler: string; eventType: string; owner: string; id: string }[] {
    return this.triggers.map(({ handler, eventType, owner, id }) => ({ handler, eventType, owner, id }));
  }

  /** An account deleted or removed from the organisation: its triggers stop existing. */
  removeAccount(user: string): void {
    this.triggers = this.triggers.filter((t) => t.owner !== user);
  }
}
