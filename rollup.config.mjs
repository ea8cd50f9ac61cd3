// Bundles src/ into dist/Code.js, a script Apps Script can load: no modules, and every entry point
// (the names src/index.ts exports) a top-level function declaration.
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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

/** Stamps the version and commit into src/build-info.ts, drops the export list, ships the manifest. */
function appsScript() {
  const commit = process.env.BUILD_COMMIT || gitCommit();
  return {
    name: 'apps-script',
    transform(code, id) {
      if (!id.endsWith('build-info.ts')) return null;
      return code.replace('__BUILD_VERSION__', pkg.version).replace('__BUILD_COMMIT__', commit);
    },
    renderChunk(code) {
      // Apps Script calls entry points by name; the ES module export list is the only module syntax left.
      return { code: code.replace(/\nexport \{[^}]*\};\s*$/, '\n'), map: null };
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
    // Apps Script loads the whole project on every execution: whitespace and local names shrink;
    // top-level names (entry points, modules' functions) stay readable in Google's execution logs.
    terser({
      module: false,
      toplevel: false,
      compress: false,
      mangle: { toplevel: false },
      format: { comments: false, max_line_len: 200 },
    }),
  ],
};
