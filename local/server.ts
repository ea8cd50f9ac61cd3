/**
 * `npm start`: the real dist/Code.js served over HTTP on loopback the way Apps Script serves a web
 * app, on a contacts file that can be edited while it runs.
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { getEvent, postEvent } from './gas/events';
import { AppsScriptRuntime } from './gas/runtime';
import { loadSheetFile, settingsFileFor } from './sheet-files';

export const SCRIPT_ID = 'local-script-id';
export const DEFAULT_SHEET = path.resolve(__dirname, '../sample/contacts.csv');
/** Far above anything SnapEngage sends; the app itself refuses bodies over 16 KB. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface ServerOptions {
  port: number;
  host?: string;
  sheet?: string;
  /** Answer /exec with a 302 to a one-time content URL, as Apps Script does. */
  redirect?: boolean;
  log?: (line: string) => void;
}

export interface RunningServer {
  /** http://host:port/macros/s/<id>/exec */
  execUrl: string;
  key: string;
  runtime: AppsScriptRuntime;
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

/** Replaces the tabs' contents in place, as staff editing the same spreadsheet would. */
function replaceContents(runtime: AppsScriptRuntime, sheets: Awaited<ReturnType<typeof loadSheetFile>>): void {
  for (const data of sheets) {
    const existing = runtime.spreadsheet.sheets.find((s) => s.getName() === data.name);
    if (!existing) continue;
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
  const line = runtime.logs.slice(before).find((l) => l.message.startsWith('Lookup:'));
  return line
    ? line.message.replace(/^Lookup: /, '')
    : runtime.logs.slice(before).some((l) => l.level === 'error')
      ? 'error'
      : 'no lookup';
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const sheetFile = path.resolve(options.sheet ?? DEFAULT_SHEET);
  const watched = [sheetFile, settingsFileFor(sheetFile)];
  const runtime = new AppsScriptRuntime({ sheets: await loadSheetFile(sheetFile), scriptId: SCRIPT_ID });
  runtime.ui.replies.push({ button: 'CANCEL' }, { button: 'OK' });
  runtime.call('menuSetUp');
  const key = runtime.accessKey();
  const log = options.log ?? ((line: string) => console.log(line));
  let stamp = fileStamp(watched);
  const oneTime = new Map<string, string>();

  async function pickUpEdits(): Promise<void> {
    const now = fileStamp(watched);
    if (now === stamp) return;
    stamp = now;
    replaceContents(runtime, await loadSheetFile(sheetFile));
    // The same path a staff edit in Sheets takes: the change trigger drops cached answers.
    runtime.call('onSheetChange', { changeType: 'OTHER' });
  }

  const server = http.createServer(async (request, response) => {
    const started = process.hrtime.bigint();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      response.end(body);
    };
    try {
      if (url.pathname === '/macros/echo') {
        const id = url.searchParams.get('user_content_key') ?? '';
        const body = oneTime.get(id);
        oneTime.delete(id);
        return body === undefined ? send(404, 'Not found') : send(200, body);
      }
      const match = /^(?:\/macros\/s\/[\w-]+)?\/exec(?:\/(.*))?$/.exec(url.pathname);
      if (!match || (request.method !== 'GET' && request.method !== 'POST'))
        return send(404, 'Not found: use /exec or /macros/s/<id>/exec');
      await pickUpEdits();
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
      const before = runtime.logs.length;
      const answer = runtime.serve(request.method, event, `http://${request.headers.host}${url.pathname}`);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(`${new Date().toISOString()} ${request.method} ${outcome(runtime, before)} ${ms.toFixed(1)} ms`);
      runtime.logs.length = 0;
      if (options.redirect) {
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
  return {
    execUrl: `http://${host}:${address.port}/macros/s/${SCRIPT_ID}/exec`,
    key,
    runtime,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function parseArgs(argv: string[]): ServerOptions {
  const options: ServerOptions = { port: Number(process.env.PORT ?? 8080) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') options.port = Number(argv[++i]);
    else if (arg === '--sheet') options.sheet = argv[++i];
    else if (arg === '--redirect') options.redirect = true;
    else if (arg === '--host') options.host = argv[++i];
    else throw new Error(`unknown option ${arg} (options: --port N, --sheet FILE, --redirect, --host ADDRESS)`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
    throw new Error('--port takes a number from 0 to 65535');
  return options;
}

async function main(): Promise<void> {
  let running: RunningServer;
  let options: ServerOptions | undefined;
  try {
    options = parseArgs(process.argv.slice(2));
    running = await startServer(options);
    const sheet = options.sheet ?? path.relative(process.cwd(), DEFAULT_SHEET);
    const example = running.runtime.spreadsheet.sheets[0].display(2, 2).trim() || 'jane@example.com';
    console.log(`Serving dist/Code.js on ${sheet}${options.redirect ? ' (redirect mode)' : ''}`);
    console.log(`Try: ${running.execUrl}?key=${running.key}&email=${encodeURIComponent(example)}`);
    console.log('Edits to the file show on the next request. Ctrl-C stops.');
  } catch (err) {
    const error = err as NodeJS.ErrnoException;
    const reason =
      error.code === 'EADDRINUSE' ? `port ${options?.port} is already in use; try another with --port` : error.message;
    console.error(`npm start: ${reason.split('\n')[0]}`);
    process.exit(1);
  }
  const stop = () => {
    running.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) void main();
