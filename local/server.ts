/**
 * The local emulator behind `npm start`: the real dist/Code.js served over HTTP on loopback the way
 * Apps Script serves a web app, on a contacts file that can be edited while it runs.
 *
 * Like Google, /exec answers with a 302 to a one-time echo URL that accepts GET only (a POST there
 * gets 405) and serves its content once; `redirect: false` answers directly instead. Every change to
 * the file (values, tabs added or removed, the settings file added or removed) reaches the next
 * request through the change trigger; a file that does not parse is answered with its error on
 * every request until it is fixed, never with the data from before.
 *
 * Google's budgets are enforced (local/gas/budgets.ts), and so is the one only a server can meet:
 * 30 simultaneous executions per user. An execution counts as running from its start for as long as
 * the cost model says it takes on Google; a request arriving while 30 run gets Google's refusal page.
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { readConfig } from '../src/core/state/config';
import { checkEmail } from '../src/core/request/email';
import { missingSettingRows, SETTINGS_HEADER } from '../src/core/state/settings';
import { PROPERTY } from '../src/core/state/store-keys';
import { isAppTab, SETTINGS_TAB } from '../src/core/tabs/tabs';
import { BudgetLimits } from './gas/budgets';
import { getEvent, postEvent } from './gas/events';
import { Answer, AppsScriptRuntime } from './gas/runtime';
import { SheetData } from './gas/spreadsheet';
import { loadSheetFile, settingsFileFor } from './sheet-files';

export const SCRIPT_ID = 'local-script-id';
export const DEFAULT_SHEET = path.resolve(__dirname, '../sample/contacts.csv');
/**
 * What Apps Script answers when a user already has 30 executions running: an HTML error page, before
 * the script runs. The message is the one people report for this limit ("exec maxSimultaneous",
 * https://stackoverflow.com/questions/14604334/how-to-avoid-exec-maxsimultaneous-limit-in-google-spreadsheet,
 * https://github.com/dropseed/google-sheets-us-states/issues/5 for the "exec qps" sibling); the page
 * around it follows Google's script error pages.
 */
export const TOO_MANY_SIMULTANEOUS =
  'Service invoked too many times in a short time: exec maxSimultaneous. Try Utilities.sleep(1000) between calls.';
const TOO_MANY_SIMULTANEOUS_PAGE =
  '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Error</title></head><body>' +
  `<div style="text-align:center;font-family:monospace;margin:50px auto 0;max-width:600px">${TOO_MANY_SIMULTANEOUS}</div>` +
  '</body></html>';

/** Far above anything SnapEngage sends; the app itself refuses bodies over its own limits. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface ServerOptions {
  port: number;
  host?: string;
  sheet?: string;
  /** Answer /exec with a 302 to a one-time echo URL, as Apps Script does (the default). */
  redirect?: boolean;
  /** The access key to use, instead of a new one at every start. */
  key?: string;
  log?: (line: string) => void;
  /** Google's budgets; consumer accounts' unless changed (Infinity switches one off). */
  budgets?: Partial<BudgetLimits>;
  /** The runtime's clock; the wall clock unless a test holds time still. */
  now?: () => number;
}

export interface RunningServer {
  /** http://host:port/macros/s/<id>/exec */
  execUrl: string;
  key: string;
  runtime: AppsScriptRuntime;
  /** A lookup URL for an email of the contacts tab the app chose, or undefined when it found none. */
  tryUrl(): string | undefined;
  close(): Promise<void>;
}

function fileStamp(files: string[]): string {
  return files
    .map((f) => {
      try {
        const s = statSync(f);
        return `${s.mtimeMs}:${s.size}`;
      } catch {
        return 'missing';
      }
    })
    .join('|');
}

/** The spreadsheet after staff saved the file: its tabs replace the old ones; the tabs the app writes stay. */
function applyFile(runtime: AppsScriptRuntime, sheets: SheetData[]): void {
  const book = runtime.spreadsheet;
  const fromFile = new Map(sheets.map((data) => [data.name, data]));
  if (!fromFile.has(SETTINGS_TAB)) {
    // No settings file (any more): the Settings tab Set up makes, with every default.
    fromFile.set(SETTINGS_TAB, { name: SETTINGS_TAB, rows: [SETTINGS_HEADER, ...missingSettingRows([])] });
  }
  book.sheets = book.sheets.filter((sheet) => fromFile.has(sheet.getName()) || isAppTab(sheet.getName()));
  for (const data of fromFile.values()) {
    const existing = book.sheets.find((s) => s.getName() === data.name);
    if (!existing) {
      book.addSheet(data);
      continue;
    }
    existing.rows = data.rows.map((row) => [...row]);
    existing.formats = data.formats ?? new Map();
    existing.hidden = new Set(data.hiddenColumns ?? []);
    existing.maxRows = Math.max(existing.maxRows, existing.rows.length);
  }
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** What the request log says about an answer, without the email. */
function outcome(runtime: AppsScriptRuntime, before: number): string {
  const lines = runtime.logs.slice(before);
  const line = lines.find((l) => /^(Lookup|Chat):/.test(l.message));
  if (line) return line.message.replace(/^Lookup: /, '');
  return lines.some((l) => l.level === 'error') ? 'error' : 'no lookup';
}

/** What Contact lookup > Check setup would show for the served sheet. */
export function checkSetupReport(runtime: AppsScriptRuntime): string {
  runtime.call('menuCheckSetup');
  return runtime.ui.shown[runtime.ui.shown.length - 1]?.message ?? '';
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const sheetFile = path.resolve(options.sheet ?? DEFAULT_SHEET);
  const watched = [sheetFile, settingsFileFor(sheetFile)];
  const runtime = new AppsScriptRuntime({
    sheets: await loadSheetFile(sheetFile),
    scriptId: SCRIPT_ID,
    budgets: options.budgets,
    now: options.now,
  });
  if (options.key) runtime.scriptProperties.values.set(PROPERTY.accessKey, options.key);
  runtime.ui.replies.push({ button: 'CANCEL' }, { button: 'OK' });
  runtime.call('menuSetUp');
  const key = runtime.accessKey();
  const log = options.log ?? ((line: string) => console.log(line));
  const redirect = options.redirect ?? true;
  let stamp = fileStamp(watched);
  let loadError: string | undefined;
  const oneTime = new Map<string, string>();
  /** When each execution still running on Google's time would end, by the runtime's clock. */
  let running: number[] = [];

  async function pickUpEdits(): Promise<void> {
    const now = fileStamp(watched);
    if (now === stamp) return;
    stamp = now;
    let sheets: SheetData[];
    try {
      sheets = await loadSheetFile(sheetFile);
    } catch (err) {
      loadError = (err as Error).message;
      log(`${loadError}: every request gets this error until the file is fixed.`);
      return;
    }
    loadError = undefined;
    // The same path a staff change in Sheets takes: the change trigger runs.
    runtime.structuralChange('OTHER', () => applyFile(runtime, sheets));
    log(`Reloaded ${path.basename(sheetFile)}. Check setup says:\n${checkSetupReport(runtime)}`);
  }

  const server = http.createServer(async (request, response) => {
    const started = process.hrtime.bigint();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const base = `http://${request.headers.host}/macros/s/${SCRIPT_ID}/exec`;
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    try {
      if (url.pathname === '/macros/echo') {
        if (request.method !== 'GET')
          return send(405, 'Method not allowed: the echo URL takes GET only, as on Google.', { Allow: 'GET' });
        const id = url.searchParams.get('user_content_key') ?? '';
        const body = oneTime.get(id);
        oneTime.delete(id);
        return body === undefined
          ? send(404, 'Not found: each echo URL serves its answer once, as on Google.')
          : send(200, body);
      }
      const match = /^(?:\/macros\/s\/[\w-]+)?\/exec(?:\/(.*))?$/.exec(url.pathname);
      if (!match) return send(404, `Not found. Use GET or POST ${base}?key=…&email=…`);
      if (request.method !== 'GET' && request.method !== 'POST') {
        return send(405, `Method not allowed: use GET (as SnapEngage should) or POST ${base}`, { Allow: 'GET, POST' });
      }
      await pickUpEdits();
      if (loadError) return send(500, `Local server: ${loadError}. Fix the file; the next request reads it again.`);
      const queryString = (request.url ?? '').split('?').slice(1).join('?');
      const event =
        request.method === 'GET'
          ? getEvent(queryString, match[1])
          : postEvent(
              queryString,
              await readBody(request),
              request.headers['content-type'] ?? 'application/octet-stream',
              match[1],
            );
      running = running.filter((end) => end > runtime.now());
      if (running.length >= runtime.budgets.limits.simultaneousExecutionsPerUser) {
        log(`${new Date().toISOString()} ${request.method} refused: ${running.length} executions running`);
        return send(200, TOO_MANY_SIMULTANEOUS_PAGE, { 'Content-Type': 'text/html; charset=utf-8' });
      }
      const before = runtime.logs.length;
      const startedAt = runtime.now();
      let answer: Answer;
      try {
        answer = runtime.serve(request.method, event, `http://${request.headers.host}${url.pathname}`);
      } finally {
        running.push(startedAt + runtime.lastExecutionMs);
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(`${new Date().toISOString()} ${request.method} ${outcome(runtime, before)} ${ms.toFixed(1)} ms`);
      runtime.logs.length = 0;
      if (redirect) {
        const id = randomBytes(12).toString('hex');
        oneTime.set(id, answer.text);
        return send(302, '', { Location: `/macros/echo?user_content_key=${id}` });
      }
      return send(200, answer.text, { 'Content-Type': `${answer.mimeType}; charset=utf-8` });
    } catch (err) {
      log(`${new Date().toISOString()} ${request.method} server error: ${(err as Error).message}`);
      return send(500, 'Local server error');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const execUrl = `http://${host}:${address.port}/macros/s/${SCRIPT_ID}/exec`;

  /** The contacts tab and email column the app itself chose, and the first real email in it. */
  function tryUrl(): string | undefined {
    // A lookup builds and keeps the configuration the app uses.
    runtime.get(`key=${encodeURIComponent(key)}&email=${encodeURIComponent('nobody@example.invalid')}`);
    runtime.logs.length = 0;
    const properties = runtime.scriptProperties.values;
    const config = readConfig(
      properties.get(PROPERTY.config),
      properties.get(PROPERTY.structureGeneration) ?? '',
      runtime.now(),
    );
    if (!config || !('layout' in config.contacts)) return undefined;
    const { tab, emailColumns } = config.contacts.layout;
    const sheet = runtime.spreadsheet.sheet(tab);
    for (let row = 2; row <= sheet.rows.length; row++) {
      const email = checkEmail(sheet.display(row, emailColumns[0] + 1));
      if (email.ok) return `${execUrl}?key=${encodeURIComponent(key)}&email=${encodeURIComponent(email.email)}`;
    }
    return undefined;
  }

  return { execUrl, key, runtime, tryUrl, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
