// Bundles src/ into dist/Code.js, the one script Apps Script loads: no modules, every entry point (the
// names src/gas/index.ts re-exports) a top-level function declaration, and readable, because admins
// open it in the Apps Script editor and Google's execution log points at its lines.
import typescript from '@rollup/plugin-typescript';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

function header(commit) {
  return [
    '/**',
    ` * SnapEngage contact lookup ${pkg.version} (commit ${commit}): answers SnapEngage's Get Contact OPEN API from this sheet.`,
    ' * GENERATED FILE, built from src/ (src/gas/: entry points, adapters; src/core/: the logic).',
    ' * Edit src/, then redeploy with `npm run deploy`: changes made here are lost.',
    ' */',
    '',
  ].join('\n');
}

/** Stamps the version and commit, drops the export list, formats the bundle, ships the manifest. */
function appsScript() {
  const commit = process.env.BUILD_COMMIT || gitCommit();
  return {
    name: 'apps-script',
    transform(code, id) {
      const source = path.relative(process.cwd(), id).split(path.sep).join('/');
      if (!source.startsWith('src/')) return null;
      const stamped = code.replace('__BUILD_VERSION__', pkg.version).replace('__BUILD_COMMIT__', commit);
      // Each module's code starts under its source path, so a line in Google's execution log leads to src/.
      return { code: `// ${source}\n${stamped}`, map: null };
    },
    async renderChunk(code) {
      // Apps Script calls entry points by name; the ES module export list is the only module syntax left.
      const script = code.replace(/\nexport \{[^}]*\};\s*$/, '\n');
      // The project's style, denser: Apps Script loads the whole file on every execution.
      const options = await prettier.resolveConfig('src/gas/index.ts');
      const formatted = await prettier.format(script, {
        ...options,
        parser: 'babel',
        printWidth: 160,
        useTabs: true,
        arrowParens: 'avoid',
        bracketSpacing: false,
        trailingComma: 'none',
        objectWrap: 'collapse',
        semi: false,
      });
      return { code: header(commit) + formatted, map: null };
    },
    generateBundle(options, bundle) {
      const code = bundle['Code.js'].code;
      if (/(^|[;}\s])(export|import)[\s{*]/.test(code)) this.error('module syntax left in the bundle');
      this.emitFile({ type: 'asset', fileName: 'appsscript.json', source: readFileSync('appsscript.json', 'utf8') });
    },
  };
}

export default {
  input: 'src/gas/index.ts',
  output: { file: 'dist/Code.js', format: 'es' },
  treeshake: { moduleSideEffects: false },
  plugins: [
    typescript({ tsconfig: './tsconfig.json', noEmit: false, outDir: 'dist', declaration: false }),
    appsScript(),
  ],
};
