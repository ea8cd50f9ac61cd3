/**
 * The decisions behind `npm run deploy`, `npm run create-sheet` and `npm run bind-sheet`, with
 * every command they run passed in, so tests can record them instead of calling Google.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exchange, Fetch, ProbeError, statusVerdict, Verdict } from './probe';

export const PLACEHOLDER_SCRIPT_ID = 'REPLACE_WITH_YOUR_SCRIPT_ID';

export interface CommandResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface DeployEnv {
  root: string;
  /** Runs a command; clasp arrives as 'clasp', the project's own checks as 'npm'. */
  run(command: 'clasp' | 'npm', args: string[]): CommandResult;
  claspInstalled(): boolean;
  log(line: string): void;
}

export class DeployError extends Error {}

interface DeploymentRecord {
  scriptId: string;
  deploymentId: string;
}

const RECORD_FILE = '.deployment.json';

/** How to point this folder at a script that already exists, rather than making a new one. */
export const REUSE_SCRIPT =
  'To deploy the script that already serves SnapEngage (set up on another machine or by another admin), put its ' +
  `script ID into .clasp.json in place of ${PLACEHOLDER_SCRIPT_ID}: find it in the spreadsheet under ` +
  'Extensions > Apps Script > Project Settings (gear) > IDs > Script ID, or list your scripts with `npx clasp list-scripts`. ' +
  'Then `npm run deploy` updates that script and its web app, and the URL in SnapEngage keeps working.';

function scriptId(root: string): string {
  const file = path.join(root, '.clasp.json');
  const fresh =
    'New here: `npm run create-sheet` (a new spreadsheet) or `npm run bind-sheet -- <spreadsheet id>` (your sheet) ' +
    'creates a new Apps Script project for it.';
  if (!existsSync(file)) throw new DeployError(`No .clasp.json in this folder.\n${fresh}\n${REUSE_SCRIPT}`);
  const id = JSON.parse(readFileSync(file, 'utf8')).scriptId as string;
  if (!id || id === PLACEHOLDER_SCRIPT_ID) {
    throw new DeployError(`.clasp.json still has the placeholder script ID.\n${fresh}\n${REUSE_SCRIPT}`);
  }
  return id;
}

/** What to do about clasp's failures that have a known cause: clasp's own words rarely say it. */
const LOGIN_FIX =
  'Log in to clasp: `npx clasp login` (on a remote machine, over SSH or with no browser: `npx clasp login --no-localhost`, ' +
  'which prints a URL to open in any browser and asks for the code it shows), then try again.';
const KNOWN_FAILURES: [RegExp, string][] = [
  [
    /Apps Script API|script\.google\.com\/home\/usersettings/i,
    'The Apps Script API is off for this Google account: switch on "Google Apps Script API" at ' +
      'https://script.google.com/home/usersettings, wait a minute, then try again.',
  ],
  [
    /No credentials found|Not logged in|invalid_grant|invalid_rapt|login required|unauthenticated|insufficient authentication scopes/i,
    LOGIN_FIX,
  ],
  [
    /localhost|ECONNREFUSED 127\.0\.0\.1|xdg-open|Unable to open|open a browser/i,
    "On a remote machine clasp cannot receive Google's answer on localhost: log in with `npx clasp login --no-localhost`.",
  ],
];

/** clasp's whole output when it fails (its last line may be just the Node.js version), then the fix if known. */
export function claspFailure(args: string[], result: CommandResult): string {
  const output = [result.stderr, result.stdout]
    .map((text) => text.trim())
    .filter(Boolean)
    .join('\n');
  const fixes = KNOWN_FAILURES.filter(([pattern]) => pattern.test(output)).map(([, fix]) => fix);
  const shown = output ? output.replace(/^/gm, '  ') : '  (clasp printed nothing)';
  return [`clasp ${args[0]} failed (exit status ${result.status}):`, shown, ...fixes].join('\n');
}

function clasp(env: DeployEnv, args: string[]): string {
  const result = env.run('clasp', args);
  if (result.status !== 0) throw new DeployError(claspFailure(args, result));
  return result.stdout;
}

function requireClasp(env: DeployEnv): void {
  if (!env.claspInstalled()) throw new DeployError('clasp is not installed: run `npm install` in this folder.');
}

function requireLogin(env: DeployEnv): void {
  const out = clasp(env, ['show-authorized-user', '--json']);
  let loggedIn = false;
  try {
    loggedIn = JSON.parse(out).loggedIn === true;
  } catch {
    loggedIn = false;
  }
  if (!loggedIn) throw new DeployError(`Not logged in to clasp. ${LOGIN_FIX}`);
}

export function execUrl(deploymentId: string): string {
  return `https://script.google.com/macros/s/${deploymentId}/exec`;
}

function readRecord(root: string, id: string): DeploymentRecord | undefined {
  const file = path.join(root, RECORD_FILE);
  if (!existsSync(file)) return undefined;
  const record = JSON.parse(readFileSync(file, 'utf8')) as DeploymentRecord;
  return record.scriptId === id && record.deploymentId ? record : undefined;
}

export interface DeployOptions {
  /** Create another deployment (a new URL) instead of updating the one SnapEngage knows. */
  newDeployment?: boolean;
  /** The deployment to update, when the script has several and no .deployment.json says which. */
  deploymentId?: string;
  description?: string;
}

export interface Deployment {
  deploymentId: string;
  versionNumber?: number;
  description?: string;
}

/** The script's deployments as `clasp list-deployments --json` gives them, without @HEAD (the one with no version). */
export function listDeployments(env: DeployEnv): Deployment[] {
  const out = clasp(env, ['list-deployments', '--json']);
  let all: Deployment[];
  try {
    all = JSON.parse(out) as Deployment[];
  } catch {
    throw new DeployError(`clasp list-deployments did not answer JSON:\n${out.trim()}`);
  }
  if (!Array.isArray(all)) throw new DeployError('clasp list-deployments did not answer a list.');
  return all.filter((d) => d && typeof d.deploymentId === 'string' && d.versionNumber !== undefined);
}

function describe(deployment: Deployment): string {
  const about = deployment.description ? ` - ${deployment.description}` : '';
  return `  ${deployment.deploymentId} @${deployment.versionNumber}${about}\n    ${execUrl(deployment.deploymentId)}`;
}

/**
 * Which deployment this run updates (undefined: create one). .deployment.json says so after the first
 * deploy from this folder; without it (a new machine, another admin) the script's own list does, so
 * that the URL SnapEngage calls stays the same.
 */
function chooseDeployment(env: DeployEnv, id: string, options: DeployOptions): string | undefined {
  if (options.newDeployment) return undefined;
  if (options.deploymentId) {
    const deployments = listDeployments(env);
    if (!deployments.some((d) => d.deploymentId === options.deploymentId)) {
      const list = deployments.length ? `Its deployments:\n${deployments.map(describe).join('\n')}` : 'It has none.';
      throw new DeployError(`Script ${id} has no deployment ${options.deploymentId}. ${list}`);
    }
    return options.deploymentId;
  }
  const record = readRecord(env.root, id);
  if (record) return record.deploymentId;
  const deployments = listDeployments(env);
  if (deployments.length === 0) {
    env.log('First deployment: creating the web app (later runs update this same one).');
    return undefined;
  }
  if (deployments.length === 1) {
    env.log(`No ${RECORD_FILE} here: updating the script's one web-app deployment, ${deployments[0].deploymentId}.`);
    return deployments[0].deploymentId;
  }
  throw new DeployError(
    `No ${RECORD_FILE} here, and script ${id} has ${deployments.length} deployments:\n` +
      `${deployments.map(describe).join('\n')}\n` +
      'Update the one whose URL SnapEngage calls: npm run deploy -- --deployment ID ' +
      '(or make another, with a new URL: npm run deploy -- --new-deployment).',
  );
}

/** Lint, test, build, push, then update the one web-app deployment (created on the first run). */
export function deploy(env: DeployEnv, options: DeployOptions = {}): string {
  requireClasp(env);
  const id = scriptId(env.root);
  requireLogin(env);
  const existing = chooseDeployment(env, id, options);
  for (const step of ['lint', 'typecheck', 'test', 'build']) {
    env.log(`npm run ${step}`);
    if (env.run('npm', ['run', step, '--silent']).status !== 0)
      throw new DeployError(`npm run ${step} failed; nothing was deployed.`);
  }
  if (!existsSync(path.join(env.root, 'dist', 'Code.js')))
    throw new DeployError('The build left no dist/Code.js: run `npm run build` and read its errors.');
  env.log('clasp push');
  clasp(env, ['push', '--force']);

  const description = options.description ?? 'contact lookup';
  let deploymentId: string;
  if (existing) {
    env.log(`clasp update-deployment ${existing}`);
    clasp(env, ['update-deployment', existing, '--description', description, '--json']);
    deploymentId = existing;
  } else {
    deploymentId = JSON.parse(clasp(env, ['create-deployment', '--description', description, '--json'])).deploymentId;
    if (!deploymentId) throw new DeployError('clasp create-deployment returned no deployment ID.');
  }
  writeFileSync(path.join(env.root, RECORD_FILE), `${JSON.stringify({ scriptId: id, deploymentId }, null, 2)}\n`);
  return execUrl(deploymentId);
}

/**
 * A new spreadsheet with its bound script (`--title`), or a script bound to an existing spreadsheet
 * (`parentId`). clasp refuses to create over an existing .clasp.json, so the placeholder one goes
 * first; clasp writes the new one with rootDir dist.
 */
export function createProject(env: DeployEnv, how: { title?: string; parentId?: string }): string {
  requireClasp(env);
  const file = path.join(env.root, '.clasp.json');
  if (existsSync(file)) {
    const id = JSON.parse(readFileSync(file, 'utf8')).scriptId;
    if (id && id !== PLACEHOLDER_SCRIPT_ID)
      throw new DeployError(`.clasp.json already names script ${id}; this folder already has an Apps Script project.`);
  }
  requireLogin(env);
  const args = how.parentId
    ? ['create-script', '--parentId', how.parentId, '--title', how.title ?? 'Contact lookup', '--rootDir', 'dist']
    : ['create-script', '--type', 'sheets', '--title', how.title ?? 'Contacts', '--rootDir', 'dist'];
  const placeholder = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  rmSync(file, { force: true });
  try {
    return clasp(env, args);
  } catch (err) {
    if (placeholder !== undefined && !existsSync(file)) writeFileSync(file, placeholder);
    throw err;
  }
}

/**
 * After a deploy: the deployment's status as SnapEngage would get it, with no cookies and redirects
 * followed. A sign-in page or a 401/403 is final (the access settings need the admin); an HTML error
 * or no answer is tried again a few times, as a new version can take seconds to go live.
 */
export async function verifyDeployment(
  url: string,
  fetcher: Fetch = fetch,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  attempts = 3,
): Promise<Verdict> {
  let last: Verdict = { kind: 'unexpected', ok: false, message: 'not checked' };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      last = statusVerdict(await exchange(`${url}?status=1`, {}, fetcher));
    } catch (err) {
      if (!(err instanceof ProbeError)) throw err;
      last = { kind: 'http-error', ok: false, message: err.message };
    }
    if (last.ok || last.kind === 'sign-in' || last.kind === 'forbidden') return last;
    if (attempt < attempts) await wait(5000);
  }
  return last;
}
