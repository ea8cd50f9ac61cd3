/**
 * The lint rule that keeps the functional core pure: a file in src/core/ that names an Apps Script
 * service, or imports the shell, fails `npm run lint`; the same code in src/gas/ passes.
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

test('every Apps Script service is refused in src/core/', () => {
  const findings = lint('src/core/lint-fixture.ts', USES_EVERY_SERVICE);
  expect(findings).toEqual(SERVICES.map((_, i) => ({ ruleId: 'no-restricted-globals', line: i + 2 })));
});

test('the same code passes in src/gas/', () => {
  expect(lint('src/gas/lint-fixture.ts', USES_EVERY_SERVICE)).toEqual([]);
});

test('src/core/ may not import from src/gas/', () => {
  const code = "import { doGet } from '../gas/entry-points';\nexport const entry = doGet;\n";
  expect(lint('src/core/lint-fixture.ts', code)).toEqual([{ ruleId: 'no-restricted-imports', line: 1 }]);
});
