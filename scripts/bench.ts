/**
 * npm run bench [-- --json] [-- --sizes 1000,10000]: per-lookup service work and local wall time for
 * the app and the naive whole-sheet baseline, side by side. Prints numbers; never fails on timing.
 * The counting lives in the fakes (local/gas/meter.ts), not in the app.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { query } from '../test/support/runtime';
import { bigContactsSheet, emailOf } from '../test/support/sheets';
import { AppsScriptRuntime, BUNDLE_PATH } from '../local/gas/runtime';

type Approach = 'app' | 'naive';
type Phase = 'cold' | 'warm' | 'after-edit';

interface Case {
  rows: number;
  approach: Approach;
  phase: Phase;
  sheetCalls: number;
  cellsMoved: number;
  propertiesReads: number;
  cacheReads: number;
  cacheWrites: number;
  medianMs: number;
}

const NAIVE = readFileSync(path.resolve(__dirname, '../bench/naive-baseline.js'), 'utf8');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function runtimeFor(approach: Approach, rows: number): AppsScriptRuntime {
  const sheets = [bigContactsSheet(rows)];
  if (approach === 'naive') {
    const runtime = new AppsScriptRuntime({ sheets, bundle: NAIVE });
    runtime.scriptProperties.values.set('ACCESS_KEY', 'bench-key');
    runtime.scriptProperties.values.set('SPREADSHEET_ID', runtime.spreadsheet.getId());
    return runtime;
  }
  const runtime = new AppsScriptRuntime({ sheets });
  runtime.ui.replies.push({ button: 'CANCEL' }, { button: 'OK' });
  runtime.call('menuSetUp');
  return runtime;
}

function measurePhase(
  runtime: AppsScriptRuntime,
  approach: Approach,
  rows: number,
  phase: Phase,
  repeats: number,
): Case {
  const email = emailOf(Math.floor(rows * 0.9));
  const key = approach === 'naive' ? 'bench-key' : runtime.accessKey();
  const ask = () => runtime.get(query({ key, email })).text;
  const sheet = runtime.spreadsheet.sheet('Contacts');
  const row = Math.floor(rows * 0.9) + 2;
  let counts = runtime.meter.counts;
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    if (phase === 'cold') runtime.cache.clear();
    if (phase === 'warm') ask();
    if (phase === 'after-edit') {
      sheet.getRange(row, 3).setValue(`Edited ${i}`);
      if (approach === 'app') runtime.call('onEdit', { range: sheet.getRange(row, 3) });
    }
    runtime.meter.reset();
    const started = process.hrtime.bigint();
    const text = ask();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    counts = { ...runtime.meter.counts };
    if (!text.includes(email)) throw new Error(`${approach} did not find ${email}: ${text.slice(0, 80)}`);
  }
  const { sheetCalls, cellsMoved, propertiesReads, cacheReads, cacheWrites } = counts;
  return {
    rows,
    approach,
    phase,
    sheetCalls,
    cellsMoved,
    propertiesReads,
    cacheReads,
    cacheWrites,
    medianMs: Number(median(times).toFixed(2)),
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const sizesArg = args[args.indexOf('--sizes') + 1];
  const sizes = args.includes('--sizes') ? sizesArg.split(',').map(Number) : [1_000, 10_000, 100_000];
  const cases: Case[] = [];
  for (const rows of sizes) {
    for (const approach of ['app', 'naive'] as Approach[]) {
      const runtime = runtimeFor(approach, rows);
      if (approach === 'app') runtime.get(query({ key: runtime.accessKey(), email: emailOf(0) })); // builds the configuration once
      const repeats = approach === 'naive' ? (rows >= 100_000 ? 3 : 7) : 21;
      for (const phase of ['cold', 'warm', 'after-edit'] as Phase[])
        cases.push(measurePhase(runtime, approach, rows, phase, repeats));
      if (!json) process.stderr.write(`measured ${approach} at ${rows} rows\n`);
    }
  }
  const bundleBytes = statSync(BUNDLE_PATH).size;
  if (json) {
    const pick = ({ rows, approach, phase, sheetCalls, cellsMoved, propertiesReads, cacheReads, medianMs }: Case) => ({
      rows,
      approach,
      phase,
      sheetCalls,
      cellsMoved,
      propertiesReads,
      cacheReads,
      medianMs,
    });
    console.log(JSON.stringify({ bundleBytes, cases: cases.map(pick) }, null, 2));
    return;
  }
  console.log(`bundle: dist/Code.js ${bundleBytes} bytes\n`);
  console.log(
    '| rows | approach | phase | Sheets calls | cells moved | Properties reads | cache reads | cache writes | median ms (local) |',
  );
  console.log('|---:|---|---|---:|---:|---:|---:|---:|---:|');
  for (const c of cases) {
    console.log(
      `| ${c.rows.toLocaleString('en-US')} | ${c.approach} | ${c.phase} | ${c.sheetCalls} | ${c.cellsMoved.toLocaleString('en-US')} | ${c.propertiesReads} | ${c.cacheReads} | ${c.cacheWrites} | ${c.medianMs} |`,
    );
  }
  for (const rows of sizes) {
    const app = cases.find((c) => c.rows === rows && c.approach === 'app' && c.phase === 'cold')!;
    const naive = cases.find((c) => c.rows === rows && c.approach === 'naive' && c.phase === 'cold')!;
    console.log(
      `\n${rows.toLocaleString('en-US')} rows, cold: the naive baseline moves ${Math.round(naive.cellsMoved / app.cellsMoved).toLocaleString('en-US')}× the cells and takes ${(naive.medianMs / app.medianMs).toFixed(0)}× the local time.`,
    );
  }
}

main();
