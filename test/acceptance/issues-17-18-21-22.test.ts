/**
 * Acceptance checks of issues 17, 18, 21 and 22, written from the issues' "How it is checked" and
 * "What must hold afterwards", for what the suites beside them do not already check: the lint rules
 * in every folder of src/core/ (whatever folders there are), a cycle across two folders, tests that
 * mirror the folders, the day's JSON through npm itself, the modeled times at 100,000 rows, and the
 * getting-started scripts refusing a mistake without starting clasp or touching the network.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppsScriptRuntime, BUNDLE_PATH } from '../../local/gas/runtime';
import { Scenario, scenarioSheet } from '../support/sheets';

const ROOT = path.resolve(__dirname, '../..');
const CORE = path.join(ROOT, 'src/core');
const coreFolders = readdirSync(CORE).filter((name) => statSync(path.join(CORE, name)).isDirectory());

interface Finding {
  ruleId: string | null;
  line: number;
}

/** What `npm run lint` reports for each [file, code], through ESLint's own API (one process for all). */
function lintAll(files: [string, string][]): Finding[][] {
  const script = `
    import { ESLint } from 'eslint';
    const files = JSON.parse(await new Promise((resolve) => {
      let text = ''; process.stdin.on('data', (c) => (text += c)); process.stdin.on('end', () => resolve(text));
    }));
    const eslint = new ESLint();
    const out = [];
    for (const [filePath, code] of files) {
      const [result] = await eslint.lintText(code, { filePath });
      out.push(result.messages.map(({ ruleId, line }) => ({ ruleId, line })));
    }
    process.stdout.write(JSON.stringify(out));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    input: JSON.stringify(files.map(([file, code]) => [path.join(ROOT, file), code])),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Finding[][];
}

describe('issue 17: a house by capability', () => {
  test('the capability folders are there, with at most six modules loose in src/core/', () => {
    expect(coreFolders).toEqual(expect.arrayContaining(['request', 'lookup', 'chats', 'state', 'admin', 'tabs']));
    expect(readdirSync(CORE).filter((name) => name.endsWith('.ts')).length).toBeLessThanOrEqual(6);
  });

  test('npm run lint refuses SpreadsheetApp in every folder of src/core/, and a cycle across two folders', () => {
    const usesSheet = 'export const book = () =>\n  SpreadsheetApp.getActiveSpreadsheet();\n';
    // lookup/lookup.ts imports state/config-store.ts: config-store importing lookup back closes a cycle.
    expect(readFileSync(path.join(CORE, 'lookup/lookup.ts'), 'utf8')).toContain("from '../state/config-store'");
    const closesCycle = "import { lookUp } from '../lookup/lookup';\nexport const entry = lookUp;\n";
    const findings = lintAll([
      ...coreFolders.map((folder): [string, string] => [`src/core/${folder}/acceptance-fixture.ts`, usesSheet]),
      ['src/core/acceptance-fixture.ts', usesSheet],
      ['src/core/state/config-store.ts', closesCycle],
      // The same import from a module nothing in lookup/ depends on closes no cycle.
      ['src/core/web-app.ts', closesCycle],
      ['src/gas/acceptance-fixture.ts', usesSheet],
    ]);
    const refused = [{ ruleId: 'no-restricted-globals', line: 2 }];
    expect(findings).toEqual([
      ...coreFolders.map(() => refused),
      refused,
      [{ ruleId: 'import-x/no-cycle', line: 1 }],
      [],
      [],
    ]);
  });

  test('tests mirror the folders: each folder of src/core/ has its folder of unit tests', () => {
    for (const folder of coreFolders) {
      const tests = path.join(ROOT, 'test/core', folder);
      expect([folder, existsSync(tests) && readdirSync(tests).some((f) => f.endsWith('.test.ts'))]).toEqual([
        folder,
        true,
      ]);
    }
  });

  test('the bundle: within 256 KB, readable, a // src/ section for every folder of src/core/', () => {
    const bundle = readFileSync(BUNDLE_PATH, 'utf8');
    expect(statSync(BUNDLE_PATH).size).toBeLessThanOrEqual(256 * 1024);
    expect(bundle.startsWith('/**\n * SnapEngage contact lookup ')).toBe(true);
    for (const folder of coreFolders) expect(bundle).toMatch(new RegExp(`^// src/core/${folder}/[\\w-]+\\.ts$`, 'm'));
    expect(bundle.split('\n').filter((line) => line.length > 160)).toEqual([]);
  });
});

describe('issue 18: the simulated day through npm', () => {
  test('`npm run -s bench -- --day --hours 1 --json`: exactly one JSON document, its numbers within the targets scaled', () => {
    const run = spawnSync('npm', ['run', '-s', 'bench', '--', '--day', '--hours', '1', '--rows', '1000', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 55_000,
    });
    expect(run.status).toBe(0);
    const { day } = JSON.parse(run.stdout) as { day: Record<string, unknown> };
    const fields = [
      'lookups',
      'answered',
      'unavailable',
      'chats',
      'chatsRecorded',
      'peakSheetsApiReadsPerMinute',
      'propertiesCalls',
      'triggerSeconds',
      'cellsUsed',
    ];
    expect(fields.filter((name) => typeof day[name] !== 'number' || !Number.isFinite(day[name]))).toEqual([]);
    const n = day as Record<string, number>;
    const share = 1 / 10;
    expect(n.lookups).toBe(20_000 * share);
    expect(n.chats).toBe(2_000 * share);
    expect([n.unavailable, n.answered]).toEqual([0, n.lookups]);
    expect(n.chatsRecorded).toBe(n.chats);
    expect(n.peakSheetsApiReadsPerMinute).toBeLessThanOrEqual(12);
    expect(n.propertiesCalls).toBeLessThanOrEqual(5_000 * share);
    expect(n.triggerSeconds).toBeLessThanOrEqual(540 * share);
    expect(n.cellsUsed).toBeGreaterThanOrEqual(1_001 * 20);
  });
});

describe("issue 21: Google's time at 100,000 rows", () => {
  /** The modeled ms of one lookup, each phase measured as `npm run bench` does. */
  function modeled(scenario: Scenario): Record<'cold' | 'coldNotFound' | 'warm', number> & { answer: string } {
    const { sheet, email } = scenarioSheet(scenario, 100_000);
    let now = Date.UTC(2026, 10, 30);
    const runtime = new AppsScriptRuntime({ sheets: [sheet], now: () => now });
    runtime.ui.replies.push({ button: 'CANCEL' }, { button: 'OK' });
    runtime.call('menuSetUp');
    const ask = (asked: string) => runtime.get(`key=${runtime.accessKey()}&email=${encodeURIComponent(asked)}`).text;
    ask('warm-up@example.com');
    const one = (asked: string, cold: boolean) => {
      now += 5_000;
      if (cold) runtime.cache.evict((key) => key.includes(':answer:'));
      runtime.meter.reset();
      const answer = ask(asked);
      return { ms: runtime.meter.counts.modeledMs, answer };
    };
    const cold = one(email, true);
    const warm = one(email, false);
    const coldNotFound = one('not.in.the.sheet@example.com', true);
    expect(warm.answer).toBe(cold.answer);
    expect(coldNotFound.answer).not.toContain('Name:');
    return { cold: cold.ms, coldNotFound: coldNotFound.ms, warm: warm.ms, answer: cold.answer };
  }

  test.each<Scenario>(['plain', 'decoys'])('%s: cold and not found ≤ 500 ms modeled, warm ≤ 50 ms', (scenario) => {
    const ms = modeled(scenario);
    expect(ms.answer).toMatch(/^Name: /);
    expect(ms.cold).toBeLessThanOrEqual(500);
    expect(ms.coldNotFound).toBeLessThanOrEqual(500);
    expect(ms.warm).toBeLessThanOrEqual(50);
    // Something was modeled at all: a lookup that reads nothing still reads the cache.
    expect(Math.min(ms.cold, ms.coldNotFound, ms.warm)).toBeGreaterThan(0);
  });
});

describe("issue 22: the admin's first hour", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'acceptance-22-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * Runs `npm run -s <args>` with a preload in every node process that records each child process
   * started and each TCP connection opened: a refused option must start neither clasp nor npm nor
   * reach the network.
   */
  function watched(args: string[]) {
    const log = path.join(dir, `${args[0]}.log`);
    const hook = path.join(dir, 'hook.cjs');
    writeFileSync(
      hook,
      `const fs = require('node:fs'), cp = require('node:child_process'), net = require('node:net');
       const note = (what) => fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(what) + '\\n');
       for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync', 'fork']) {
         const original = cp[name];
         cp[name] = function (...a) { note({ child: name, args: a.slice(0, 2) }); return original.apply(this, a); };
       }
       const connect = net.Socket.prototype.connect;
       net.Socket.prototype.connect = function (...a) {
         const o = typeof a[0] === 'object' && a[0] !== null ? a[0] : { port: a[0] };
         if (o.port !== undefined) note({ tcp: o });
         return connect.apply(this, a);
       };`,
    );
    const run = spawnSync('npm', ['run', '-s', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, NODE_OPTIONS: `--require ${hook}` },
    });
    const notes = existsSync(log)
      ? readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { child?: string; args?: unknown[]; tcp?: unknown })
      : [];
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, notes };
  }

  test.each([
    [['deploy', '--', '--bogus'], '--bogus'],
    [['create-sheet', '--', 'Contacts'], 'Contacts'],
    [['bind-sheet', '--', '--title', 'X'], 'spreadsheet ID'],
  ])('npm run %j: exit 2 naming %s, no clasp, no build, no network', (args, named) => {
    const run = watched(args);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toContain(named);
    expect(run.stdout).toBe('');
    // tsx itself starts node with the script; nothing else may be started, and nothing reached over TCP.
    const started = run.notes.filter((note) => note.child).map((note) => JSON.stringify(note.args));
    // The watch works: it saw tsx start the script.
    expect(started.some((args) => args.includes('scripts/project.ts'))).toBe(true);
    expect(started.filter((args) => /clasp|"npm"|rollup|jest/.test(args))).toEqual([]);
    expect(run.notes.filter((note) => note.tcp)).toEqual([]);
  });

  test('npm prints its usual output: no json=true in the project, npm reads json as false', () => {
    const npmrc = path.join(ROOT, '.npmrc');
    if (existsSync(npmrc)) expect(readFileSync(npmrc, 'utf8')).not.toMatch(/^\s*json\s*=\s*true/m);
    const run = spawnSync('npm', ['config', 'get', 'json'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('false');
  });

  test('the README starts with the admin, then the developers; the architecture has its own file', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const at = (heading: string) => readme.indexOf(`\n## ${heading}`);
    const order = [
      'Install without a terminal',
      'Install with clasp',
      'Connect SnapEngage',
      'Settings',
      'Troubleshooting',
      'For developers',
    ].map(at);
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const troubleshooting = readme.slice(at('Troubleshooting'), readme.indexOf('\n## ', at('Troubleshooting') + 1));
    expect(troubleshooting).toMatch(/Workspace policy/);
    expect(troubleshooting).toMatch(/\*\*Anyone\*\*/);
    expect(troubleshooting).toMatch(/private browser window/);
    expect(troubleshooting).toMatch(/hasn't verified this app/);
    expect(readme.slice(0, at('Install with clasp'))).toMatch(/Extensions > Apps\s+Script/);
    expect(existsSync(path.join(ROOT, 'docs/ARCHITECTURE.md'))).toBe(true);
  });
});
