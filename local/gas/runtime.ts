/**
 * A small local Apps Script. Each execution (a web-app request, a trigger, a menu item) loads the
 * bundle afresh in its own node:vm context holding only Apps Script's globals, as Google starts
 * each execution with a fresh global scope; all executions share the in-memory services of this
 * folder: one spreadsheet, one script cache, one property store, one script lock. Several builds
 * can be loaded side by side, as several deployments can be live at once, and a test can run one
 * execution in the middle of another, at any of its service calls. Tests, the local server and the
 * benchmark all run the app through this.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { BudgetLimits, Budgets } from './budgets';
import { fakeCacheService, FakeCache } from './cache';
import { fakeContentService, FakeTextOutput } from './content';
import { getEvent, postEvent, WebEvent } from './events';
import { FakeLock, ScriptLockState } from './lock';
import { Meter } from './meter';
import { fakePropertiesService, FakeProperties } from './properties';
import { FakeScriptApp } from './script-app';
import { fakeSheetsService } from './sheets-api';
import { FakeSpreadsheet, newFilterCriteria, SheetData, userEntered } from './spreadsheet';
import { FakeUi } from './ui';
import { fakeUtilities } from './utilities';

export const BUNDLE_PATH = path.resolve(__dirname, '../../dist/Code.js');
export const HEAD_BUILD = 'head';
export const OWNER = 'owner@example.com';

export interface RuntimeOptions {
  sheets?: SheetData[];
  /** The bundle's source; dist/Code.js when absent. */
  bundle?: string;
  now?: () => number;
  spreadsheetId?: string;
  scriptId?: string;
  /**
   * Google's budgets (budgets.ts); consumer accounts' limits unless changed here. Infinity switches
   * one off; NO_BUDGETS switches every one off.
   */
  budgets?: Partial<BudgetLimits>;
}

export interface LogEntry {
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
}

export interface Answer {
  text: string;
  mimeType: string;
}

export interface ExecutionOptions {
  /** Which loaded build runs (a deployment may be on an older one); menus and triggers run the newest. */
  build?: string;
  /** The account the execution runs as. */
  user?: string;
}

type Entry = (event?: unknown) => unknown;

let cachedBundle: { path: string; mtime: number; code: string } | undefined;

export function readBundle(file = BUNDLE_PATH): string {
  const { mtimeMs } = statSync(file);
  if (!cachedBundle || cachedBundle.path !== file || cachedBundle.mtime !== mtimeMs) {
    cachedBundle = { path: file, mtime: mtimeMs, code: readFileSync(file, 'utf8') };
  }
  return cachedBundle.code;
}

const compiled = new Map<string, vm.Script>();

function compile(code: string): vm.Script {
  let script = compiled.get(code);
  if (!script) {
    script = new vm.Script(code, { filename: 'Code.js' });
    compiled.set(code, script);
  }
  return script;
}

/** Makes the script's Date follow the runtime's clock, so tests can move time for Date.now() and new Date(). */
const CLOCK = new vm.Script(`(function (now) {
  var RealDate = Date;
  function ClockDate() {
    var args = Array.prototype.slice.call(arguments);
    if (!new.target) return RealDate(now());
    return args.length === 0 ? new RealDate(now()) : new (Function.prototype.bind.apply(RealDate, [null].concat(args)))();
  }
  ClockDate.prototype = RealDate.prototype;
  ClockDate.now = now;
  ClockDate.UTC = RealDate.UTC;
  ClockDate.parse = RealDate.parse;
  Date = ClockDate;
})`);

export class AppsScriptRuntime {
  readonly meter = new Meter();
  readonly budgets: Budgets;
  readonly spreadsheet: FakeSpreadsheet;
  readonly cache: FakeCache;
  readonly scriptProperties: FakeProperties;
  readonly lock = new ScriptLockState();
  readonly scriptApp: FakeScriptApp;
  readonly ui = new FakeUi();
  readonly logs: LogEntry[] = [];
  /** The account running menus and edits unless a call names another. */
  user = OWNER;
  private readonly builds = new Map<string, string>();
  private readonly users: string[] = [];
  private readonly baseClock: () => number;
  /** Time spent waiting for the lock, added to the clock. */
  private waited = 0;
  private executionCount = 0;
  /** The modeled milliseconds of the execution that ended last (src/core/admin/google-costs.ts). */
  lastExecutionMs = 0;
  private readonly documentProperties: FakeProperties;
  private readonly userProperties: FakeProperties;

  constructor(options: RuntimeOptions = {}) {
    this.baseClock = options.now ?? (() => Date.now());
    this.budgets = new Budgets(
      options.budgets ?? {},
      () => this.now(),
      () => this.users[this.users.length - 1] ?? this.user,
    );
    this.meter.budgets = this.budgets;
    const spreadsheetId = options.spreadsheetId ?? 'local-spreadsheet-id';
    this.spreadsheet = new FakeSpreadsheet(this.meter, spreadsheetId, 'Contacts (local)', options.sheets ?? []);
    this.cache = new FakeCache(this.meter, () => this.now());
    this.scriptProperties = new FakeProperties(this.meter);
    this.documentProperties = new FakeProperties(this.meter);
    this.userProperties = new FakeProperties(this.meter);
    this.scriptApp = new FakeScriptApp(
      options.scriptId ?? 'local-script-id',
      (name) => typeof this.context(HEAD_BUILD)[name] === 'function',
      () => this.users[this.users.length - 1] ?? this.user,
    );
    this.builds.set(HEAD_BUILD, options.bundle ?? readBundle());
  }

  now(): number {
    return this.baseClock() + this.waited;
  }

  /** Loads another build beside the newest, as a deployment left on an older version. */
  addBuild(name: string, code: string): void {
    this.builds.set(name, code);
  }

  private context(build: string, kind: 'webapp' | 'bound' = 'bound', execution = 0, liveUrl?: string): vm.Context {
    const code = this.builds.get(build);
    if (code === undefined) throw new Error(`no build ${build}`);
    const log =
      (level: LogEntry['level']) =>
      (...args: unknown[]) => {
        this.logs.push({ level, message: args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ') });
      };
    const webapp = kind === 'webapp';
    const spreadsheetApp = {
      getActiveSpreadsheet: () => (webapp ? null : this.spreadsheet),
      getActive: () => (webapp ? null : this.spreadsheet),
      openById: (id: string) => {
        this.meter.check('spreadsheet', 'openById');
        this.meter.add('sheetCalls');
        if (id !== this.spreadsheet.getId()) {
          throw new Error('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
        }
        return this.spreadsheet;
      },
      getUi: () => {
        if (webapp) throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
        return this.ui;
      },
      flush: () => {
        this.meter.check('spreadsheet', 'flush');
        this.meter.add('sheetCalls');
        this.spreadsheet.commit(execution);
      },
      newFilterCriteria,
    };
    const scriptApp = this.scriptApp;
    const executionScriptApp = {
      EventType: scriptApp.EventType,
      AuthMode: scriptApp.AuthMode,
      TriggerSource: scriptApp.TriggerSource,
      getService: () => ({ getUrl: () => (webapp && liveUrl ? liveUrl : scriptApp.getService().getUrl()) }),
      getProjectTriggers: () => scriptApp.getProjectTriggers(),
      deleteTrigger: (trigger: Parameters<FakeScriptApp['deleteTrigger']>[0]) => scriptApp.deleteTrigger(trigger),
      newTrigger: (name: string) => scriptApp.newTrigger(name),
    };
    // Only Apps Script's globals: no process, Buffer, URL, URLSearchParams, TextEncoder, setTimeout, fetch, structuredClone, require.
    const context = vm.createContext({
      SpreadsheetApp: spreadsheetApp,
      Sheets: fakeSheetsService(this.spreadsheet, this.meter),
      CacheService: fakeCacheService(this.cache),
      PropertiesService: fakePropertiesService(this.scriptProperties, this.documentProperties, this.userProperties),
      LockService: {
        getScriptLock: () =>
          new FakeLock(
            this.lock,
            this.meter,
            execution,
            (ms) => {
              this.waited += ms;
              this.meter.spend(ms);
            },
            () => this.spreadsheet.hasPending(execution),
          ),
      },
      ContentService: fakeContentService,
      Utilities: fakeUtilities,
      ScriptApp: executionScriptApp,
      Logger: { log: log('log') },
      console: { log: log('log'), info: log('info'), warn: log('warn'), error: log('error') },
    });
    (CLOCK.runInContext(context) as (now: () => number) => void)(() => this.now());
    compile(code).runInContext(context);
    return context;
  }

  /**
   * One execution: the bundle loaded afresh, `run` given its globals, the script lock released at
   * the end if the execution still holds it.
   */
  private execute<T>(
    kind: 'webapp' | 'bound',
    options: ExecutionOptions,
    run: (context: vm.Context) => T,
    liveUrl?: string,
  ): T {
    const id = ++this.executionCount;
    const context = this.context(options.build ?? HEAD_BUILD, kind, id, liveUrl);
    this.meter.begin(id);
    this.users.push(options.user ?? this.user);
    let result: T;
    try {
      result = run(context);
    } finally {
      this.lastExecutionMs = this.meter.end();
      this.users.pop();
      // Google applies what the script wrote when it ends, then lets go of its lock.
      this.spreadsheet.commit(id);
      const holder = this.lock.holder;
      if (holder !== undefined && holder !== 'elsewhere' && holder.execution === id) this.lock.holder = undefined;
    }
    if (this.lock.unflushedReleases.includes(id)) {
      throw new Error(`execution ${id} released the script lock with spreadsheet writes not flushed`);
    }
    return result;
  }

  /** Runs a top-level function of the bundle, as a trigger, menu item or the editor would. */
  call(name: string, event?: unknown, options: ExecutionOptions = {}): unknown {
    return this.execute('bound', options, (context) => {
      const entry = context[name] as Entry | undefined;
      if (typeof entry !== 'function') throw new Error(`Script function not found: ${name}`);
      return entry(event);
    });
  }

  /** A web-app request: the live /exec URL is known and no UI or active spreadsheet exists. */
  serve(
    method: 'GET' | 'POST',
    event: WebEvent,
    execUrl = `https://script.google.com/macros/s/${this.scriptApp.scriptId}/exec`,
    options: ExecutionOptions = {},
  ): Answer {
    return this.execute(
      'webapp',
      options,
      (context) => {
        const entry = context[method === 'GET' ? 'doGet' : 'doPost'] as Entry;
        const output = entry(event) as FakeTextOutput;
        if (!output || typeof output.getContent !== 'function')
          throw new Error(`${method} did not return a TextOutput`);
        return { text: output.getContent(), mimeType: output.getMimeType() };
      },
      execUrl,
    );
  }

  get(queryString: string, options: ExecutionOptions = {}): Answer {
    return this.serve('GET', getEvent(queryString), undefined, options);
  }

  post(queryString: string, body: string, contentType: string, options: ExecutionOptions = {}): Answer {
    return this.serve('POST', postEvent(queryString, body, contentType), undefined, options);
  }

  /**
   * Staff type a value into a cell: the cell changes as typed input would, then the simple onEdit
   * trigger runs as the editor and each installable change trigger as the account that owns it.
   */
  edit(tab: string, a1: string, value: unknown, editor = this.user): void {
    const range = this.spreadsheet.sheet(tab).getRange(a1);
    for (let r = 0; r < range.numRows; r++) {
      for (let c = 0; c < range.numColumns; c++)
        range.sheet.setCell(range.row + r, range.column + c, userEntered(value));
    }
    this.trigger('onEdit', { range, value, source: this.spreadsheet, authMode: 'LIMITED' }, editor);
    this.fireChange('EDIT');
  }

  /** Staff change the structure (rows, columns, tabs, sorting): `change` does it, then the change triggers run. */
  structuralChange(changeType: string, change: () => void): void {
    change();
    this.fireChange(changeType);
  }

  /** Each installable change trigger still in place runs, as its owner. */
  fireChange(changeType: string): void {
    for (const trigger of this.scriptApp.allTriggers()) {
      if (trigger.eventType !== 'ON_CHANGE') continue;
      this.trigger(trigger.handler, { changeType, source: this.spreadsheet, authMode: 'FULL' }, trigger.owner);
    }
  }

  /**
   * A trigger execution (the simple onEdit or an installable trigger), counted against the day's
   * trigger runtime; once that is spent, triggers do not run, as on Google.
   */
  private trigger(handler: string, event: unknown, user: string): void {
    if (!this.budgets.mayRunTrigger()) return;
    const started = this.now();
    try {
      this.call(handler, event, { user });
    } finally {
      this.budgets.triggerRan(this.lastExecutionMs, started);
    }
  }

  /** Each time-driven trigger runs once, as its owner, as Google runs them on their schedule. */
  fireTimers(): void {
    for (const trigger of this.scriptApp.allTriggers()) {
      if (trigger.eventType !== 'CLOCK') continue;
      this.call(trigger.handler, { authMode: 'FULL', triggerUid: trigger.id }, { user: trigger.owner });
    }
  }

  /**
   * Runs `first`; right before the `step`-th service call (1-based) of the execution(s) it starts,
   * runs `second` to completion. `first` is suspended meanwhile, holding whatever it holds (the
   * script lock included), which is how two executions are interleaved step by step.
   */
  interleave<T>(first: () => T, step: number, second: () => void): T {
    const depth = this.meter.executions.length + 1;
    let count = 0;
    let fired = false;
    const hook = (call: { depth: number }) => {
      if (fired || call.depth !== depth) return;
      count++;
      if (count === step) {
        fired = true;
        second();
      }
    };
    this.meter.hooks.push(hook);
    try {
      const result = first();
      if (!fired) throw new Error(`interleave: the first execution made only ${count} service calls`);
      return result;
    } finally {
      this.meter.hooks = this.meter.hooks.filter((h) => h !== hook);
    }
  }

  /** How many service calls `run` makes in its own execution(s): the steps interleave() can use. */
  serviceCalls(run: () => void): number {
    const depth = this.meter.executions.length + 1;
    let count = 0;
    const hook = (call: { depth: number }) => {
      if (call.depth === depth) count++;
    };
    this.meter.hooks.push(hook);
    try {
      run();
      return count;
    } finally {
      this.meter.hooks = this.meter.hooks.filter((h) => h !== hook);
    }
  }

  /** The access key setup stored, for building requests. */
  accessKey(): string {
    const key = this.scriptProperties.values.get('ACCESS_KEY');
    if (!key) throw new Error('no access key yet: run setUp first');
    return key;
  }
}
