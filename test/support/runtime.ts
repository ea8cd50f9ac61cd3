/** Shared set-ups for the bundle tests: a contacts sheet, a runtime that has been through Set up. */
import { AppsScriptRuntime, readBundle, RuntimeOptions } from '../../local/gas/runtime';
import { CellValue } from '../../local/gas/display';
import { SheetData } from '../../local/gas/spreadsheet';

export const HEADERS = ['Name', 'Email', 'Company', 'Plan', 'Phone', '_Internal', 'Secondary email'];

export function contactsSheet(rows: CellValue[][], headers = HEADERS, extra: Partial<SheetData> = {}): SheetData {
  return { name: 'Contacts', rows: [headers, ...rows], ...extra };
}

export const PEOPLE: CellValue[][] = [
  ['Jane Roe', 'jane@example.com', 'Acme', 'Pro', '00123', 'owes us', 'jane.alt@example.org'],
  ['Ann B', 'a.b@example.com', 'Bee', 'Free', '', '', ''],
  ['Ann X', 'axb@example.com', 'Ex', 'Free', '', '', ''],
  ['Test', 'test@test.com', 'Test Co', 'Trial', '555-0100', '', ''],
];

/** A runtime after the admin ran Contact lookup > Set up (and cancelled the URL prompt). */
export function setUpRuntime(
  sheets: SheetData[] = [contactsSheet(PEOPLE)],
  options: RuntimeOptions = {},
): AppsScriptRuntime {
  const runtime = new AppsScriptRuntime({ sheets, ...options });
  runtime.ui.replies.push({ button: 'CANCEL' }, { button: 'OK' });
  runtime.call('menuSetUp');
  runtime.ui.shown.length = 0;
  runtime.meter.reset();
  return runtime;
}

export function query(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

export function lookup(runtime: AppsScriptRuntime, email: string, extra: Record<string, string> = {}): string {
  return runtime.get(query({ key: runtime.accessKey(), email, ...extra })).text;
}

/** Staff type a value into the Settings tab: the cell changes, then the triggers run. */
export function setSetting(runtime: AppsScriptRuntime, name: string, value: string): void {
  const row = runtime.spreadsheet.sheet('Settings').rows.findIndex((r) => r[0] === name) + 1;
  if (row < 2) throw new Error(`no setting ${name}`);
  runtime.edit('Settings', `B${row}`, value);
}

/**
 * The same bundle stamped as another build, loaded beside the newest: a deployment left on an older
 * version (its own build stamp, hence its own cache entries wherever the app splits them by build).
 */
export function addOlderBuild(runtime: AppsScriptRuntime, name = 'older'): string {
  const code = readBundle().replace(/const BUILD_COMMIT = '[^']*'/, `const BUILD_COMMIT = '${name}'`);
  if (!code.includes(`'${name}'`)) throw new Error('no build stamp found in the bundle');
  runtime.addBuild(name, code);
  return name;
}

/** Contact lookup > Rotate access key…, confirmed; the new key, or undefined when it was refused (busy). */
export function rotateKey(runtime: AppsScriptRuntime): string | undefined {
  const before = runtime.accessKey();
  runtime.ui.replies.push({ button: 'YES' }, { button: 'OK' });
  runtime.call('menuRotateKey');
  const after = runtime.accessKey();
  return after === before ? undefined : after;
}
