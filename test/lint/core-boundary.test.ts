/**
 * The lint rules that keep the functional core pure and the module graph acyclic: a file anywhere under
 * src/core/ that names an Apps Script service, or imports the shell, fails `npm run lint`; the same code
 * in src/gas/ passes; an import that closes a cycle fails.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SERVICES = [
  'SpreadsheetApp',
  'CacheService',
  'PropertiesService',
  'LockService',
  'ScriptApp',
  'Utilities',
  'ContentService',
  'Session',
  'HtmlService',
];

interface Finding {
  ruleId: string | null;
  line: number;
}

/** What `npm run lint` reports for `code` saved as `file`, run as the CLI runs (the config is an ES module). */
function lint(file: string, code: string): Finding[] {
  const eslint = path.join(ROOT, 'node_modules/eslint/bin/eslint.js');
  const run = spawnSync(process.execPath, [eslint, '--stdin', '--stdin-filename', file, '--format', 'json'], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(run.stdout) as { messages: Finding[] }[];
  return result.messages.map(({ ruleId, line }) => ({ ruleId, line }));
}

// One service per line, so each finding points at the service it is about.
const USES_EVERY_SERVICE = `export const services: unknown[] = [\n${SERVICES.map((s) => `  ${s},`).join('\n')}\n];\n`;

test.each(['src/core', 'src/core/request', 'src/core/lookup', 'src/core/chats', 'src/core/state', 'src/core/admin'])(
  'every Apps Script service is refused in %s/',
  (folder) => {
    const findings = lint(`${folder}/lint-fixture.ts`, USES_EVERY_SERVICE);
    expect(findings).toEqual(SERVICES.map((_, i) => ({ ruleId: 'no-restricted-globals', line: i + 2 })));
  },
);

test('the same code passes in src/gas/', () => {
  expect(lint('src/gas/lint-fixture.ts', USES_EVERY_SERVICE)).toEqual([]);
});

test('src/core/ may not import from src/gas/', () => {
  const code = "import { doGet } from '../gas/entry-points';\nexport const entry = doGet;\n";
  expect(lint('src/core/lint-fixture.ts', code)).toEqual([{ ruleId: 'no-restricted-imports', line: 1 }]);
});

test('an import that closes a cycle between two core modules fails', () => {
  // lookup.ts imports lookup-log.ts; lookup-log.ts importing lookup.ts back would close the cycle.
  const code = "import { lookUp } from './lookup';\nexport const entry = lookUp;\n";
  expect(lint('src/core/lookup/lookup-log.ts', code)).toEqual([{ ruleId: 'import-x/no-cycle', line: 1 }]);
  // web-app.ts imports lookup.ts and nothing imports web-app.ts from there: no cycle.
  expect(lint('src/core/web-app.ts', code)).toEqual([]);
});
