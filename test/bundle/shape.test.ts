/**
 * The deployable bundle is Apps Script-shaped: a plain script, entry points as top-level function
 * declarations, nothing Apps Script lacks, and exactly two files pushed by clasp.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as acorn from 'acorn';
import { AppsScriptRuntime, BUNDLE_PATH } from '../../local/gas/runtime';

const ROOT = path.resolve(__dirname, '../..');
const code = readFileSync(BUNDLE_PATH, 'utf8');

test('parses as a classic script: no import, export or require', () => {
  expect(() => acorn.parse(code, { ecmaVersion: 2022, sourceType: 'script' })).not.toThrow();
});

test('entry points are top-level function declarations', () => {
  const program = acorn.parse(code, { ecmaVersion: 2022, sourceType: 'script' });
  const declared = program.body.flatMap((node) =>
    node.type === 'FunctionDeclaration' && node.id ? [node.id.name] : [],
  );
  expect(declared).toEqual(
    expect.arrayContaining([
      'doGet',
      'doPost',
      'onOpen',
      'onEdit',
      'onSheetChange',
      'onPendingChatsTimer',
      'menuSetUp',
      'menuTestLookup',
      'menuCheckSetup',
      'menuMeasure',
      'menuRotateKey',
      'menuClearCache',
      'menuForgetVisitor',
    ]),
  );
});

test('every menu item calls a top-level function of the bundle', () => {
  const runtime = new AppsScriptRuntime();
  runtime.call('onOpen');
  const program = acorn.parse(code, { ecmaVersion: 2022, sourceType: 'script' });
  const declared = new Set(
    program.body.flatMap((node) => (node.type === 'FunctionDeclaration' && node.id ? [node.id.name] : [])),
  );
  const items = runtime.ui.menus.flatMap((menu) => menu.items).filter((item) => item !== 'separator');
  expect(runtime.ui.menus.map((m) => m.caption)).toEqual(['Contact lookup']);
  expect(items.map((i) => (i as { caption: string }).caption)).toEqual([
    'Set up…',
    'Test a lookup…',
    'Check setup',
    'Measure…',
    'Rotate access key…',
    'Clear cache',
    'Forget a visitor…',
  ]);
  for (const item of items) expect(declared.has((item as { functionName: string }).functionName)).toBe(true);
});

test('uses no Node or browser API that Apps Script lacks', () => {
  const forbidden = new Set([
    'process',
    'Buffer',
    'URLSearchParams',
    'URL',
    'TextEncoder',
    'TextDecoder',
    'setTimeout',
    'setInterval',
    'fetch',
    'structuredClone',
    'require',
    'module',
    'exports',
    'globalThis',
    'window',
    'document',
  ]);
  const used: string[] = [];
  let previous: acorn.Token | undefined;
  for (const token of acorn.tokenizer(code, { ecmaVersion: 2022 })) {
    const name = String((token as unknown as { value: unknown }).value);
    if (token.type.label === 'name' && forbidden.has(name) && previous?.type.label !== '.') used.push(name);
    previous = token;
  }
  expect(used).toEqual([]);
});

test('loading the bundle does no work: no service is touched until an entry point runs', () => {
  const runtime = new AppsScriptRuntime();
  expect(runtime.meter.counts).toEqual({
    sheetCalls: 0,
    sheetsApiCalls: 0,
    cellsMoved: 0,
    propertiesReads: 0,
    propertiesWrites: 0,
    cacheReads: 0,
    cacheWrites: 0,
    modeledMs: 0,
  });
  expect(runtime.logs).toEqual([]);
});

test('the bundle stays small (Apps Script loads it on every execution)', () => {
  expect(statSync(BUNDLE_PATH).size).toBeLessThanOrEqual(256 * 1024);
});

describe('the file admins see is readable', () => {
  test('a header says what it is, its version and commit, and that it is generated from src/', () => {
    const header = code.slice(0, code.indexOf('*/'));
    expect(header).toMatch(/SnapEngage contact lookup \d+\.\d+\.\d+ \(commit \w+\)/);
    expect(header).toContain('GENERATED FILE');
    expect(header).toContain('Edit src/, then redeploy');
  });

  test('not minified: line breaks kept, no line over 160 characters', () => {
    const lines = code.split('\n');
    expect(lines.length).toBeGreaterThan(1000);
    expect(lines.filter((line) => line.length > 160)).toEqual([]);
  });

  test('module functions keep their source names, each module under its source path', () => {
    const program = acorn.parse(code, { ecmaVersion: 2022, sourceType: 'script' });
    const declared = program.body.flatMap((node) =>
      node.type === 'FunctionDeclaration' && node.id ? [node.id.name] : [],
    );
    expect(declared).toEqual(
      expect.arrayContaining(['answerRequest', 'parseRequest', 'parseSettings', 'renderMatches', 'checkAccessKey']),
    );
    expect(code).toMatch(/^\/\/ src\/core\/request\/request\.ts$/m);
    expect(code).toMatch(/^\/\/ src\/gas\/entry-points\.ts$/m);
  });
});

test('the manifest: V8, Stackdriver, anonymous web app run as the deployer, narrow scopes', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'dist/appsscript.json'), 'utf8'));
  expect(manifest).toEqual({
    timeZone: expect.any(String),
    // The Sheets API reads structure and rows in one call each; it needs no scope beyond spreadsheets.
    dependencies: { enabledAdvancedServices: [{ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' }] },
    runtimeVersion: 'V8',
    exceptionLogging: 'STACKDRIVER',
    oauthScopes: [
      'https://www.googleapis.com/auth/spreadsheets',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.scriptapp',
    ],
    webapp: { executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' },
  });
  expect(readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')).toBe(
    readFileSync(path.join(ROOT, 'dist/appsscript.json'), 'utf8'),
  );
});

test('clasp push would upload exactly the bundle and the manifest', () => {
  const out = execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/@google/clasp/build/src/index.js'), 'show-file-status', '--json'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const status = JSON.parse(out);
  expect([...status.filesToPush].sort()).toEqual(['dist/Code.js', 'dist/appsscript.json']);
});
