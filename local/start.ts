/**
 * npm start [-- --sheet FILE] [--port N] [--key K] [--direct] [--host ADDRESS]
 * Checks the options first (one line and exit 2 when one is wrong), then builds dist/Code.js and
 * serves it with the local emulator (local/server.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface StartOptions {
  port: number;
  host?: string;
  sheet?: string;
  key?: string;
  redirect: boolean;
}

export class OptionError extends Error {}

export const START_USAGE = 'options: --sheet FILE (.csv or .xlsx), --port N, --key KEY, --direct, --host ADDRESS';

export function parseStartArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): StartOptions {
  const options: StartOptions = { port: Number(env.PORT ?? 8080), redirect: true };
  const value = (i: number, name: string) => {
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) throw new OptionError(`${name} needs a value`);
    return next;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') options.port = Number(value(i++, arg));
    else if (arg === '--sheet') options.sheet = value(i++, arg);
    else if (arg === '--key') options.key = value(i++, arg);
    else if (arg === '--host') options.host = value(i++, arg);
    else if (arg === '--direct') options.redirect = false;
    else throw new OptionError(`unknown option ${arg} (${START_USAGE})`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new OptionError('--port (or PORT) takes a whole number from 0 to 65535');
  }
  if (options.sheet !== undefined) {
    if (!/\.(csv|xlsx)$/i.test(options.sheet))
      throw new OptionError(`--sheet takes a .csv or .xlsx file, not ${options.sheet}`);
    if (!existsSync(options.sheet)) throw new OptionError(`--sheet: no such file ${options.sheet}`);
  }
  if (options.key !== undefined && !/^[\x21-\x7e]{8,256}$/.test(options.key)) {
    throw new OptionError('--key takes 8 to 256 visible ASCII characters, no spaces');
  }
  return options;
}

function build(): void {
  const rollup = path.resolve(__dirname, '../node_modules/rollup/dist/bin/rollup');
  const run = spawnSync(process.execPath, [rollup, '-c', '--silent'], {
    cwd: path.resolve(__dirname, '..'),
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new OptionError('the build failed (see above); nothing is served');
}

async function main(): Promise<void> {
  let options: StartOptions;
  try {
    options = parseStartArgs(process.argv.slice(2));
    build();
  } catch (err) {
    console.error(`npm start: ${(err as Error).message}`);
    process.exit(2);
  }
  // Loaded after the build: the emulator reads dist/Code.js.
  const { checkSetupReport, DEFAULT_SHEET, startServer } = await import('./server');
  try {
    const running = await startServer(options);
    const sheet = options.sheet ?? path.relative(process.cwd(), DEFAULT_SHEET);
    console.log(`Serving dist/Code.js on ${sheet} at ${running.execUrl}`);
    console.log(
      options.redirect
        ? 'Answers come as Google sends them: a 302 to a one-time echo URL (GET only). --direct answers without it.'
        : 'Answering directly (--direct); Google always answers through a 302 to an echo URL.',
    );
    console.log(
      `Access key: ${running.key}${options.key ? ' (from --key)' : ' (new at every start; --key K keeps one)'}`,
    );
    // The Try lookup goes first: like a live request, it lets the app note its URL for Check setup.
    const example = running.tryUrl();
    console.log(`\nCheck setup says:\n${checkSetupReport(running.runtime)}\n`);
    console.log(example ? `Try: ${example}` : `Try: ${running.execUrl}?key=${running.key}&email=…`);
    console.log('Edits to the file show on the next request. Ctrl-C stops.');
    const stop = () => {
      void running.close().then(() => process.exit(0));
      setTimeout(() => process.exit(0), 1000).unref();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    const error = err as NodeJS.ErrnoException;
    const reason =
      error.code === 'EADDRINUSE' ? `port ${options.port} is already in use; try another with --port` : error.message;
    console.error(`npm start: ${reason.split('\n')[0]}`);
    process.exit(1);
  }
}

if (require.main === module) void main();
