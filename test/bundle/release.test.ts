/**
 * `npm run release`: the two files an admin pastes into the Apps Script editor, and the pasted
 * Code.gs working on its own in a fresh Apps Script sandbox: Set up, then a lookup.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppsScriptRuntime } from '../../local/gas/runtime';
import { releaseScript, writeRelease } from '../../scripts/release';
import { contactsSheet, lookup, PEOPLE } from '../support/runtime';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function release() {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'release-')), 'release');
  writeRelease(dir);
  return { dir, code: readFileSync(path.join(dir, 'Code.gs'), 'utf8') };
}

test('exactly Code.gs and appsscript.json, the manifest as the repository has it', () => {
  const { dir } = release();
  expect(readdirSync(dir).sort()).toEqual(['Code.gs', 'appsscript.json']);
  expect(readFileSync(path.join(dir, 'appsscript.json'), 'utf8')).toBe(
    readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8'),
  );
});

test('release/ is built, never committed', () => {
  expect(readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('release/');
});

test('a second release replaces the first, leaving nothing else behind', () => {
  const { dir } = release();
  writeRelease(dir);
  expect(readdirSync(dir).sort()).toEqual(['Code.gs', 'appsscript.json']);
});

test('Code.gs names the version and says to paste it whole; the rest is the bundle unchanged', () => {
  const { code } = release();
  const bundle = readFileSync(path.join(ROOT, 'dist/Code.js'), 'utf8');
  const [header] = code.split('\n */\n');
  expect(header).toContain(`SnapEngage contact lookup ${pkg.version} (commit `);
  expect(header).toContain('Extensions > Apps Script');
  expect(header).toMatch(/paste this WHOLE file/);
  expect(header).not.toContain('npm run deploy');
  expect(code.slice(header.length)).toBe(bundle.slice(bundle.indexOf('\n */\n')));
  expect(code.split('\n').every((line) => line.length <= 160)).toBe(true);
  expect(() => releaseScript('function doGet() {}')).toThrow('version header');
});

test('pasted into a fresh Apps Script project: Set up, then a lookup answers the contact', () => {
  const { code } = release();
  const runtime = new AppsScriptRuntime({ sheets: [contactsSheet(PEOPLE)], bundle: code });
  // The admin reloads the sheet: the menu appears; Set up… asks for the URL the Deploy dialog showed.
  runtime.call('onOpen');
  const menu = runtime.ui.menus.find((m) => m.caption === 'Contact lookup');
  const setUp = menu?.items.find((item) => item !== 'separator' && item.caption.startsWith('Set up'));
  if (!setUp || setUp === 'separator') throw new Error('no Contact lookup > Set up… menu item');
  const url = 'https://script.google.com/macros/s/AKfycbPasted/exec';
  runtime.ui.replies.push({ button: 'OK', text: url }, { button: 'OK' });
  runtime.call(setUp.functionName);
  const summary = runtime.ui.shown[runtime.ui.shown.length - 1].message;
  expect(summary).toContain(`${url}?key=${runtime.accessKey()}`);
  expect(lookup(runtime, 'jane@example.com')).toBe(
    'Name: Jane Roe\nEmail: jane@example.com\nCompany: Acme\nPlan: Pro\nPhone: 00123\nSecondary email: jane.alt@example.org',
  );
  expect(runtime.logs.filter((entry) => entry.level === 'error')).toEqual([]);
});
