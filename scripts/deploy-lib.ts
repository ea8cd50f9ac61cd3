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

function scriptId(root: string): string {
  const file = path.join(root, '.clasp.json');
  if (!existsSync(file))
    throw new DeployError(
      'No .clasp.json: run `npm run create-sheet` or `npm run bind-sheet -- <spreadsheet id>` first.',
    );
  const id = JSON.parse(readFileSync(file, 'utf8')).scriptId as string;
  if (!id || id === PLACEHOLDER_SCRIPT_ID) {
    throw new DeployError(
      '.clasp.json still has the placeholder scriptId: run `npm run create-sheet` or `npm run bind-sheet -- <spreadsheet id>` first.',
    );
  }
  return id;
}

function clasp(env: DeployEnv, args: string[]): string {
  const result = env.run('clasp', args);
  if (result.status !== 0) {
    const reason = (result.stderr || result.stdout).trim().split('\n').pop() ?? '';
    throw new DeployError(`clasp ${args[0]} failed: ${reason}`);
  }
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
  if (!loggedIn) throw new DeployError('Not logged in to clasp: run `npx clasp login`, then try again.');
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
  description?: string;
}

/** Lint, test, build, push, then update the one web-app deployment (created on the first run). */
export function deploy(env: DeployEnv, options: DeployOptions = {}): string {
  requireClasp(env);
  const id = scriptId(env.root);
  requireLogin(env);
  for (const step of ['lint', 'typecheck', 'test', 'build']) {
    env.log(`npm run ${step}`);
    if (env.run('npm', ['run', step, '--silent']).status !== 0)
      throw new DeployError(`npm run ${step} failed; nothing was deployed.`);
  }
  if (!existsSync(path.join(env.root, 'dist', 'Code.js')))
    throw new DeployError('The build left no dist/Code.js: run `npm run build` and read its errors.');
  env.log('clasp push');
  clasp(env, ['push', '--force']);

  const record = readRecord(env.root, id);
  const description = options.description ?? 'contact lookup';
  let deploymentId: string;
  if (record && !options.newDeployment) {
    env.log(`clasp update-deployment ${record.deploymentId}`);
    clasp(env, ['update-deployment', record.deploymentId, '--description', description, '--json']);
    deploymentId = record.deploymentId;
  } else {
    if (!record) env.log('First deployment: creating the web app (later runs update this same one).');
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
