/**
 * npm start [-- --sheet FILE] [--port N] [--key K] [--direct] [--host ADDRESS]
 * Checks the options first (one line and the usage, exit 2, when one is wrong), then builds dist/Code.js and
 * serves it with the local emulator (local/server.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseOptions, UsageError } from '../scripts/options';
import type { TryLookup } from './server';

export interface StartOptions {
  port: number;
  host?: string;
  sheet?: string;
  key?: string;
  redirect: boolean;
}

export const START_USAGE =
  'usage: npm start [-- --sheet FILE (.csv or .xlsx)] [--port N] [--key KEY] [--direct] [--host ADDRESS]';

export function parseStartArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): StartOptions {
  const { values } = parseOptions(argv, {
    port: { type: 'string' },
    sheet: { type: 'string' },
    key: { type: 'string' },
    host: { type: 'string' },
    direct: { type: 'boolean' },
  });
  const options: StartOptions = { port: Number(values.port ?? env.PORT ?? 8080), redirect: values.direct !== true };
  for (const name of ['sheet', 'key', 'host'] as const)
    if (values[name] !== undefined) options[name] = String(values[name]);
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new UsageError('--port (or PORT) takes a whole number from 0 to 65535');
  }
  if (options.sheet !== undefined) {
    if (!/\.(csv|xlsx)$/i.test(options.sheet))
      throw new UsageError(`--sheet takes a .csv or .xlsx file, not ${options.sheet}`);
    if (!existsSync(options.sheet)) throw new UsageError(`--sheet: no such file ${options.sheet}`);
  }
  if (options.key !== undefined && !/^[\x21-\x7e]{8,256}$/.test(options.key)) {
    throw new UsageError('--key takes 8 to 256 visible ASCII characters, no spaces');
  }
  return options;
}

/** The last line before serving: a lookup URL that answers a contact, or why there is none to try. */
export function tryLine(example: TryLookup): string {
  return 'url' in example ? `Try: ${example.url}` : `Nothing to try yet: ${example.nothing.replace(/\.$/, '')}.`;
}

function build(): void {
  const rollup = path.resolve(__dirname, '../node_modules/rollup/dist/bin/rollup');
  const run = spawnSync(process.execPath, [rollup, '-c', '--silent'], {
    cwd: path.resolve(__dirname, '..'),
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error('the build failed (see above); nothing is served');
}

async function main(): Promise<void> {
  let options: StartOptions;
  try {
    options = parseStartArgs(process.argv.slice(2));
  } catch (err) {
    const usage = err instanceof UsageError ? `\n${START_USAGE}` : '';
    console.error(`npm start: ${(err as Error).message}${usage}`);
    process.exit(2);
  }
  try {
    build();
  } catch (err) {
    console.error(`npm start: ${(err as Error).message}`);
    process.exit(1);
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
    const example = running.tryLookup();
    console.log(`\nCheck setup says:\n${checkSetupReport(running.runtime)}\n`);
    console.log(tryLine(example));
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
