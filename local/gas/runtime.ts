/**
 * A small local Apps Script: the built bundle runs in a node:vm context that holds only Apps
 * Script's globals, backed by the in-memory services in this folder. Tests, the local server and
 * the benchmark all run the app through this.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fakeCacheService, FakeCache } from './cache';
import { fakeContentService, FakeTextOutput } from './content';
import { getEvent, postEvent, WebEvent } from './events';
import { fakeLockService, FakeLock } from './lock';
import { Meter } from './meter';
import { fakePropertiesService, FakeProperties } from './properties';
import { FakeScriptApp } from './script-app';
import { FakeSpreadsheet, SheetData } from './spreadsheet';
import { FakeUi } from './ui';
import { fakeUtilities } from './utilities';

export const BUNDLE_PATH = path.resolve(__dirname, '../../dist/Code.js');

export interface RuntimeOptions {
  sheets?: SheetData[];
  /** The bundle's source; dist/Code.js when absent. */
  bundle?: string;
  now?: () => number;
  spreadsheetId?: string;
  scriptId?: string;
}

export interface LogEntry {
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
}

export interface Answer {
  text: string;
  mimeType: string;
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

export class AppsScriptRuntime {
  readonly meter = new Meter();
  readonly spreadsheet: FakeSpreadsheet;
  readonly cache: FakeCache;
  readonly scriptProperties: FakeProperties;
  readonly lock: FakeLock;
  readonly scriptApp: FakeScriptApp;
  readonly ui = new FakeUi();
  readonly logs: LogEntry[] = [];
  readonly context: vm.Context;
  /** 'webapp' while doGet/doPost run: no active spreadsheet and no UI there, as on Google. */
  private execution: 'webapp' | 'bound' = 'bound';
  now: () => number;

  constructor(options: RuntimeOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    const clock = () => this.now();
    const spreadsheetId = options.spreadsheetId ?? 'local-spreadsheet-id';
    this.spreadsheet = new FakeSpreadsheet(this.meter, spreadsheetId, 'Contacts (local)', options.sheets ?? []);
    this.cache = new FakeCache(this.meter, clock);
    this.scriptProperties = new FakeProperties(this.meter);
    this.lock = new FakeLock(this.meter);
    this.scriptApp = new FakeScriptApp(
      options.scriptId ?? 'local-script-id',
      (name) => typeof this.context[name] === 'function',
    );

    const log =
      (level: LogEntry['level']) =>
      (...args: unknown[]) => {
        this.logs.push({ level, message: args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ') });
      };
    const spreadsheetApp = {
      getActiveSpreadsheet: () => (this.execution === 'webapp' ? null : this.spreadsheet),
      getActive: () => (this.execution === 'webapp' ? null : this.spreadsheet),
      openById: (id: string) => {
        this.meter.check('spreadsheet', 'openById');
        this.meter.add('sheetCalls');
        if (id !== this.spreadsheet.getId()) {
          throw new Error('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
        }
        return this.spreadsheet;
      },
      getUi: () => {
        if (this.execution === 'webapp') throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
        return this.ui;
      },
      flush: () => undefined,
    };
    // Only Apps Script's globals: no process, Buffer, URL, URLSearchParams, TextEncoder, setTimeout, fetch, structuredClone, require.
    this.context = vm.createContext({
      SpreadsheetApp: spreadsheetApp,
      CacheService: fakeCacheService(this.cache),
      PropertiesService: fakePropertiesService(
        this.scriptProperties,
        new FakeProperties(this.meter),
        new FakeProperties(this.meter),
      ),
      LockService: fakeLockService(this.lock),
      ContentService: fakeContentService,
      Utilities: fakeUtilities,
      ScriptApp: this.scriptApp,
      Logger: { log: log('log') },
      console: { log: log('log'), info: log('info'), warn: log('warn'), error: log('error') },
    });
    if (options.now) {
      // The script's clock follows the runtime's, so tests can move time for Date.now() and new Date().
      const install = vm.runInContext(
        `(function (now) {
          var RealDate = Date;
          function ClockDate() {
            var args = Array.prototype.slice.call(arguments);
            if (!new.target) return RealDate();
            return args.length === 0 ? new RealDate(now()) : new (Function.prototype.bind.apply(RealDate, [null].concat(args)))();
          }
          ClockDate.prototype = RealDate.prototype;
          ClockDate.now = now;
          ClockDate.UTC = RealDate.UTC;
          ClockDate.parse = RealDate.parse;
          Date = ClockDate;
        })`,
        this.context,
      );
      install(clock);
    }
    new vm.Script(options.bundle ?? readBundle(), { filename: 'Code.js' }).runInContext(this.context);
  }

  /** Runs a top-level function of the bundle, as a trigger, menu item or the editor would. */
  call(name: string, event?: unknown): unknown {
    const entry = this.context[name] as Entry | undefined;
    if (typeof entry !== 'function') throw new Error(`Script function not found: ${name}`);
    return entry(event);
  }

  /** A web-app request: the live /exec URL is known and no UI or active spreadsheet exists. */
  serve(
    method: 'GET' | 'POST',
    event: WebEvent,
    execUrl = `https://script.google.com/macros/s/${this.scriptApp.scriptId}/exec`,
  ): Answer {
    this.execution = 'webapp';
    this.scriptApp.liveUrl = execUrl;
    try {
      const output = this.call(method === 'GET' ? 'doGet' : 'doPost', event) as FakeTextOutput;
      if (!output || typeof output.getContent !== 'function') throw new Error(`${method} did not return a TextOutput`);
      return { text: output.getContent(), mimeType: output.getMimeType() };
    } finally {
      this.execution = 'bound';
      this.scriptApp.liveUrl = undefined;
    }
  }

  get(queryString: string): Answer {
    return this.serve('GET', getEvent(queryString));
  }

  post(queryString: string, body: string, contentType: string): Answer {
    return this.serve('POST', postEvent(queryString, body, contentType));
  }

  /** The access key setup stored, for building requests. */
  accessKey(): string {
    const key = this.scriptProperties.values.get('ACCESS_KEY');
    if (!key) throw new Error('no access key yet: run setUp first');
    return key;
  }
}
