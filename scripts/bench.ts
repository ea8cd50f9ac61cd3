/**
 * npm run bench [-- --json] [-- --sizes 1000,10000] | npm run bench -- --day [--hours N] [--rows N] [--json]
 * Per-lookup service work, Google's time by the cost model (src/core/admin/google-costs.ts) and local wall
 * time for the app, at several sheet sizes, widths and hit patterns, beside the naive whole-sheet
 * baseline; with --day, a simulated day (scripts/bench-day.ts). Prints numbers; never fails on timing.
 * The counting lives in the local runtime (local/gas/meter.ts), not in the app, which runs with
 * Google's budgets enforced (local/gas/budgets.ts). Options are checked before the build.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AppsScriptRuntime } from '../local/gas/runtime';
import { Scenario, scenarioSheet } from '../test/support/sheets';
import { parseOptions, UsageError } from './options';
import type { SheetData } from '../local/gas/spreadsheet';
import { DAY_TARGETS, dayTable, FULL_DAY, runDay, type DayOptions } from './bench-day';

type Approach = 'app' | 'naive';
type Phase =
  'cold' | 'cold-not-found' | 'cold-no-index' | 'index-build' | 'warm' | 'warm-reconfirm' | 'after-edit' | 'rebuild';

interface Case {
  rows: number;
  columns: number;
  scenario: Scenario;
  approach: Approach;
  phase: Phase;
  sheetCalls: number;
  sheetsApiCalls: number;
  cellsMoved: number;
  propertiesReads: number;
  propertiesWrites: number;
  cacheReads: number;
  cacheWrites: number;
  /** Google's milliseconds for the lookup by the cost model, without Apps Script's own overhead. */
  modeledMs: number;
  medianMs: number;
}

export interface BenchOptions {
  json: boolean;
  sizes: number[];
  /** The simulated day (bench-day.ts) instead of the per-lookup cases. */
  day?: DayOptions;
}

export const BENCH_USAGE =
  'usage: npm run bench [-- --json] [--sizes 1000,10000] | npm run bench -- --day [--hours N] [--rows N] [--json]';

export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseOptions(argv, {
    json: { type: 'boolean' },
    sizes: { type: 'string' },
    day: { type: 'boolean' },
    hours: { type: 'string' },
    rows: { type: 'string' },
  });
  const options: BenchOptions = { json: values.json === true, sizes: [1_000, 10_000, 100_000] };
  const whole = (name: string, text: string, min: number, max: number) => {
    const value = Number(text);
    if (!text || !Number.isInteger(value) || value < min || value > max) {
      throw new UsageError(`${name} takes a whole number from ${min} to ${max} (got "${text}")`);
    }
    return value;
  };
  const dayOnly = ['hours', 'rows'].find((name) => values[name] !== undefined);
  if (dayOnly && values.day !== true) throw new UsageError(`--${dayOnly} goes with --day`);
  if (values.day === true) {
    options.day = { ...FULL_DAY };
    if (values.hours !== undefined) options.day.hours = whole('--hours', String(values.hours), 1, 10);
    if (values.rows !== undefined) options.day.rows = whole('--rows', String(values.rows), 1_000, 1_000_000);
  }
  if (values.sizes !== undefined) {
    const list = String(values.sizes);
    const sizes = list.split(',').map(Number);
    if (!list || sizes.some((n) => !Number.isInteger(n) || n < 20 || n > 1_000_000)) {
      throw new UsageError(`--sizes takes whole numbers of rows from 20 to 1000000, comma-separated (got "${list}")`);
    }
    options.sizes = sizes;
  }
  return options;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const ROOT = path.resolve(__dirname, '..');

async function measureAll(options: BenchOptions): Promise<{ bundleBytes: number; cases: Case[]; index: IndexCost[] }> {
  const { AppsScriptRuntime, BUNDLE_PATH } = await import('../local/gas/runtime');
  const naive = readFileSync(path.join(ROOT, 'bench/naive-baseline.js'), 'utf8');
  let now = Date.UTC(2026, 10, 30);
  const clock = { now: () => now };

  function runtimeFor(approach: Approach, sheet: SheetData): AppsScriptRuntime {
    if (approach === 'naive') {
      const runtime = new AppsScriptRuntime({ sheets: [sheet], bundle: naive, ...clock });
      runtime.scriptProperties.values.set('ACCESS_KEY', 'bench-key');
      runtime.scriptProperties.values.set('SPREADSHEET_ID', runtime.spreadsheet.getId());
      return runtime;
    }
    const runtime = new AppsScriptRuntime({ sheets: [sheet], ...clock });
    runtime.ui.replies.push({ button: 'CANCEL' }, { button: 'OK' });
    runtime.call('menuSetUp');
    return runtime;
  }

  function measure(runtime: AppsScriptRuntime, approach: Approach, email: string, phase: Phase, repeats: number) {
    const key = approach === 'naive' ? 'bench-key' : runtime.accessKey();
    const asked = phase === 'cold-not-found' ? 'not.in.the.sheet@example.com' : email;
    const ask = () => runtime.get(`key=${encodeURIComponent(key)}&email=${encodeURIComponent(asked)}`).text;
    const times: number[] = [];
    let counts = runtime.meter.counts;
    for (let i = 0; i < repeats; i++) {
      // Requests 5 seconds apart keep the Sheets API under its 60 reads a minute, as visitors spread out would.
      now += 5_000;
      // Cold: the answer is not cached, the rest of the lookup's state is (configuration, email index),
      // as for any visitor not seen lately. Cold, no index: Google dropped the email index too, so
      // this lookup searches the email column. Index build: another row's email was edited, so this
      // lookup reads the email column and rebuilds the index.
      if (phase === 'cold' || phase === 'cold-not-found') {
        if (approach === 'naive') runtime.cache.clear();
        else runtime.cache.evict((cached) => cached.includes(':answer:'));
      }
      if (phase === 'cold-no-index') runtime.cache.evict((cached) => /:(answer|index)(:|$)/.test(cached));
      if (phase === 'index-build') runtime.edit('Contacts', 'B3', `edited.${i}@example.com`);
      if (phase === 'warm') ask();
      if (phase === 'warm-reconfirm') {
        ask();
        now += 61_000; // the cache's confirmed copy of the generations has expired: one Properties read
      }
      if (phase === 'after-edit' && approach === 'app') runtime.edit('Contacts', 'C3', `Edited ${i}`);
      if (phase === 'rebuild' && approach === 'app') runtime.edit('Contacts', 'C1', `Company ${i}`);
      runtime.meter.reset();
      const started = process.hrtime.bigint();
      const text = ask();
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      counts = { ...runtime.meter.counts };
      if (!text.toLowerCase().includes(asked.toLowerCase()))
        throw new Error(`${approach} did not find ${asked}: ${text.slice(0, 80)}`);
    }
    return { ...counts, modeledMs: Math.round(counts.modeledMs), medianMs: Number(median(times).toFixed(2)) };
  }

  const cases: Case[] = [];
  const index: IndexCost[] = [];
  const run = (scenario: Scenario, rows: number, columns: number, approaches: Approach[], phases: Phase[]) => {
    const { sheet, email } = scenarioSheet(scenario, rows, columns);
    for (const approach of approaches) {
      const runtime = runtimeFor(approach, sheet);
      if (approach === 'app') runtime.get(`key=${runtime.accessKey()}&email=warm-up%40example.com`);
      const repeats = approach === 'naive' ? (rows >= 100_000 ? 3 : 7) : 21;
      for (const phase of approach === 'naive' ? (['cold', 'warm'] as Phase[]) : phases) {
        cases.push({ rows, columns, scenario, approach, phase, ...measure(runtime, approach, email, phase, repeats) });
        if (phase === 'index-build' && scenario === 'plain' && columns === 20) index.push(indexCost(runtime, rows));
      }
      if (!options.json) process.stderr.write(`measured ${approach}, ${scenario}, ${rows} rows × ${columns} columns\n`);
    }
  };
  const allPhases: Phase[] = [
    'cold',
    'cold-not-found',
    'index-build',
    'warm',
    'warm-reconfirm',
    'after-edit',
    'rebuild',
    // Last: the index it drops stays gone until the next configuration.
    'cold-no-index',
  ];
  for (const rows of options.sizes) run('plain', rows, 20, ['app', 'naive'], allPhases);
  const largest = Math.max(...options.sizes);
  run('plain', Math.min(largest, 20_000), 200, ['app'], ['cold', 'warm', 'rebuild']);
  run('decoys', largest, 20, ['app'], ['cold', 'cold-not-found', 'warm']);
  run('multi', largest, 20, ['app'], ['cold', 'warm']);
  return { bundleBytes: statSync(BUNDLE_PATH).size, cases, index };
}

/** The email index's own cost at one size: its cache items and their size (its build is the index-build phase). */
interface IndexCost {
  rows: number;
  cacheItems: number;
  largestItemBytes: number;
  totalBytes: number;
}

function indexCost(runtime: AppsScriptRuntime, rows: number): IndexCost {
  const items = Object.entries(runtime.cache.snapshot()).filter(([key]) => /:index(:|$)/.test(key));
  const sizes = items.map(([, value]) => Buffer.byteLength(value, 'utf8'));
  return {
    rows,
    cacheItems: items.length,
    largestItemBytes: Math.max(0, ...sizes),
    totalBytes: sizes.reduce((a, b) => a + b, 0),
  };
}

function table(result: { bundleBytes: number; cases: Case[]; index: IndexCost[] }): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `bundle: dist/Code.js ${result.bundleBytes} bytes`,
    '',
    '| rows | columns | scenario | approach | phase | Sheets calls | of which Sheets API | cells moved | Properties reads | Properties writes | cache reads | cache writes | modeled ms (Google) | median ms (local) |',
    '|---:|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const c of result.cases) {
    lines.push(
      `| ${n(c.rows)} | ${c.columns} | ${c.scenario} | ${c.approach} | ${c.phase} | ${c.sheetCalls} | ${c.sheetsApiCalls} | ${n(c.cellsMoved)} | ` +
        `${c.propertiesReads} | ${c.propertiesWrites} | ${c.cacheReads} | ${c.cacheWrites} | ${n(c.modeledMs)} | ${c.medianMs} |`,
    );
  }
  for (const c of result.cases.filter((x) => x.approach === 'naive' && x.phase === 'cold')) {
    const app = result.cases.find(
      (x) =>
        x.approach === 'app' && x.phase === 'cold' && x.rows === c.rows && x.scenario === 'plain' && x.columns === 20,
    );
    if (!app) continue;
    lines.push(
      '',
      `${c.rows.toLocaleString('en-US')} rows, cold: the naive baseline moves ${Math.round(c.cellsMoved / app.cellsMoved).toLocaleString('en-US')}× ` +
        `the cells and takes ${(c.medianMs / app.medianMs).toFixed(0)}× the local time; modeled on Google, ` +
        `${n(c.modeledMs)} ms against the app's ${n(app.modeledMs)} ms.`,
    );
  }
  for (const cost of result.index) {
    const same = (phase: Phase) =>
      result.cases.find((x) => x.phase === phase && x.rows === cost.rows && x.scenario === 'plain' && x.columns === 20);
    const build = (same('index-build')?.modeledMs ?? 0) - (same('cold')?.modeledMs ?? 0);
    lines.push(
      '',
      `Email index at ${n(cost.rows)} rows: ${cost.cacheItems} cache items (head and shards), ${n(cost.totalBytes)} bytes, ` +
        `largest ${n(cost.largestItemBytes)}; building it adds ${n(build)} modeled ms to the lookup that does.`,
    );
  }
  lines.push(
    '',
    "Modeled ms: the cost model's estimate of Google's time for the calls (src/core/admin/google-costs.ts), without Apps Script's own",
    'per-request overhead and the 302 hop to the echo URL.',
  );
  return lines.join('\n');
}

/**
 * The whole command; returns the exit status. With --json, stdout gets exactly one JSON document,
 * also when the options are wrong or the run fails; progress and errors go to stderr.
 */
async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const fail = (status: number, message: string, usage = '') => {
    if (json) console.log(JSON.stringify({ ok: false, error: message }));
    console.error(`bench: ${message}${usage}`);
    return status;
  };
  let options: BenchOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    return fail(2, err.message, `\n${BENCH_USAGE}`);
  }
  const build = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/rollup/dist/bin/rollup'), '-c', '--silent'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (build.status !== 0) return fail(1, 'the build failed (see above)');
  try {
    if (options.day) {
      const day = await runDay(options.day);
      const targets = Object.fromEntries(DAY_TARGETS.map((t) => [t.field, { target: t.target(day), met: t.met(day) }]));
      console.log(options.json ? JSON.stringify({ ok: true, day, targets }, null, 2) : dayTable(day));
    } else {
      const result = await measureAll(options);
      console.log(options.json ? JSON.stringify({ ok: true, ...result }, null, 2) : table(result));
    }
  } catch (err) {
    return fail(1, (err as Error).message);
  }
  return 0;
}

if (require.main === module) void main(process.argv.slice(2)).then((status) => process.exit(status));
