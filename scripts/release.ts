/**
 * npm run release
 * Builds, then writes release/ with exactly the two files an admin pastes into the Apps Script editor
 * without a terminal: Code.gs (the bundle, one file of top-level functions) and appsscript.json
 * (the manifest). The GitHub workflow attaches both to the release of a version tag.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseOptions, UsageError } from './options';

const ROOT = path.resolve(__dirname, '..');
export const RELEASE_FILES = ['Code.gs', 'appsscript.json'];

/** The bundle's own header (version, commit, "edit src/") becomes one for people who paste the file. */
export function releaseScript(bundle: string): string {
  const stamp = /^\/\*\*\n \* SnapEngage contact lookup (\S+) \(commit (\w+)\)/.exec(bundle);
  const end = bundle.indexOf('\n */\n');
  if (!stamp || end < 0) throw new Error('dist/Code.js does not start with its version header: rebuild it');
  const [, version, commit] = stamp;
  const header = [
    '/**',
    ` * SnapEngage contact lookup ${version} (commit ${commit}): answers SnapEngage's Get Contact OPEN API from this sheet.`,
    ' * INSTALL: in the spreadsheet, Extensions > Apps Script. Select all of Code.gs there and paste this WHOLE file in its',
    ' * place, from this first line to the last. Then paste appsscript.json (Project Settings > Show "appsscript.json"',
    ' * manifest file in editor) and deploy as a web app: see "Install without a terminal" in the README.',
    ' * UPDATE: paste the new release the same way, then Deploy > Manage deployments > edit > Version: New version > Deploy.',
    " * Built from the project's src/; changes made here are lost at the next update.",
    ' */',
  ].join('\n');
  return `${header}${bundle.slice(end + '\n */'.length)}`;
}

/** Writes the release into outDir, holding nothing else; returns the paths written. */
export function writeRelease(outDir: string, root = ROOT): string[] {
  const bundle = readFileSync(path.join(root, 'dist', 'Code.js'), 'utf8');
  const manifest = readFileSync(path.join(root, 'appsscript.json'), 'utf8');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const written = [path.join(outDir, 'Code.gs'), path.join(outDir, 'appsscript.json')];
  writeFileSync(written[0], releaseScript(bundle));
  writeFileSync(written[1], manifest);
  return written;
}

function main(argv: string[]): number {
  try {
    parseOptions(argv, {});
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`release: ${err.message}\nusage: npm run release`);
    return 2;
  }
  const build = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/rollup/dist/bin/rollup'), '-c', '--silent'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (build.status !== 0) {
    console.error('release: the build failed (see above)');
    return 1;
  }
  for (const file of writeRelease(path.join(ROOT, 'release'))) console.log(path.relative(process.cwd(), file));
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
