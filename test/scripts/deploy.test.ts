/**
 * The deploy script's decisions, with clasp and npm replaced by a recording stub.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createProject, deploy, DeployEnv, PLACEHOLDER_SCRIPT_ID } from '../../scripts/deploy-lib';

function project(scriptId = 'script-123') {
  const root = mkdtempSync(path.join(tmpdir(), 'deploy-'));
  writeFileSync(path.join(root, '.clasp.json'), JSON.stringify({ scriptId, rootDir: 'dist' }));
  const calls: string[] = [];
  let deployments = 0;
  const answers: Record<string, () => { status: number; stdout: string }> = {
    'show-authorized-user': () => ({
      status: 0,
      stdout: JSON.stringify({ loggedIn: true, email: 'admin@example.com' }),
    }),
    push: () => ({ status: 0, stdout: 'Pushed 2 files.' }),
    'create-deployment': () => ({
      status: 0,
      stdout: JSON.stringify({ deploymentId: `AKfy-${++deployments}`, versionNumber: deployments }),
    }),
    'update-deployment': () => ({ status: 0, stdout: JSON.stringify({ deploymentId: 'ignored-by-test' }) }),
    'create-script': () => {
      writeFileSync(path.join(root, '.clasp.json'), JSON.stringify({ scriptId: 'new-script', rootDir: 'dist' }));
      return {
        status: 0,
        stdout:
          'Created new document: https://drive.google.com/open?id=sheet\nCreated new script: https://script.google.com/d/new-script/edit',
      };
    },
  };
  const env: DeployEnv & { calls: string[]; answers: typeof answers; installed: boolean } = {
    root,
    calls,
    answers,
    installed: true,
    claspInstalled: () => env.installed,
    log: () => undefined,
    run(command, args) {
      calls.push(`${command} ${args.join(' ')}`);
      if (command === 'npm') {
        if (args[1] === 'build') {
          mkdirSync(path.join(root, 'dist'), { recursive: true });
          writeFileSync(path.join(root, 'dist', 'Code.js'), 'function doGet() {}');
        }
        return { status: 0, stdout: '', stderr: '' };
      }
      return { stderr: '', ...answers[args[0]]() };
    },
  };
  return env;
}

const claspCalls = (env: { calls: string[] }) =>
  env.calls.filter((c) => c.startsWith('clasp')).map((c) => c.split(' ')[1]);

describe('npm run deploy', () => {
  test('first run: checks, build, push, creates the deployment and remembers it', () => {
    const env = project();
    expect(deploy(env)).toBe('https://script.google.com/macros/s/AKfy-1/exec');
    expect(env.calls.filter((c) => c.startsWith('npm'))).toEqual([
      'npm run lint --silent',
      'npm run typecheck --silent',
      'npm run test --silent',
      'npm run build --silent',
    ]);
    expect(claspCalls(env)).toEqual(['show-authorized-user', 'push', 'create-deployment']);
    expect(JSON.parse(readFileSync(path.join(env.root, '.deployment.json'), 'utf8'))).toEqual({
      scriptId: 'script-123',
      deploymentId: 'AKfy-1',
    });
  });

  test('later runs update that same deployment, so the URL never changes', () => {
    const env = project();
    deploy(env);
    expect(deploy(env)).toBe('https://script.google.com/macros/s/AKfy-1/exec');
    expect(deploy(env)).toBe('https://script.google.com/macros/s/AKfy-1/exec');
    expect(env.calls.filter((c) => c.includes('create-deployment'))).toHaveLength(1);
    expect(env.calls.filter((c) => c.startsWith('clasp update-deployment AKfy-1 '))).toHaveLength(2);
  });

  test('a second deployment only with the explicit flag', () => {
    const env = project();
    deploy(env);
    expect(deploy(env, { newDeployment: true })).toBe('https://script.google.com/macros/s/AKfy-2/exec');
    expect(deploy(env)).toBe('https://script.google.com/macros/s/AKfy-2/exec');
  });

  test('a record from another script is not reused', () => {
    const env = project();
    writeFileSync(path.join(env.root, '.deployment.json'), JSON.stringify({ scriptId: 'other', deploymentId: 'OLD' }));
    expect(deploy(env)).toBe('https://script.google.com/macros/s/AKfy-1/exec');
  });

  test.each([
    [
      'clasp not installed',
      (env: ReturnType<typeof project>) => (env.installed = false),
      'clasp is not installed: run `npm install` in this folder.',
    ],
    [
      'placeholder scriptId',
      (env: ReturnType<typeof project>) =>
        writeFileSync(path.join(env.root, '.clasp.json'), JSON.stringify({ scriptId: PLACEHOLDER_SCRIPT_ID })),
      '.clasp.json still has the placeholder scriptId: run `npm run create-sheet` or `npm run bind-sheet -- <spreadsheet id>` first.',
    ],
    [
      'not logged in',
      (env: ReturnType<typeof project>) =>
        (env.answers['show-authorized-user'] = () => ({ status: 0, stdout: '{"loggedIn": false}' })),
      'Not logged in to clasp: run `npx clasp login`, then try again.',
    ],
    [
      'a failing test',
      (env: ReturnType<typeof project>) => {
        const run = env.run;
        env.run = (c, a) => (a[1] === 'test' ? { status: 1, stdout: '', stderr: '' } : run(c, a));
      },
      'npm run test failed; nothing was deployed.',
    ],
    [
      'missing build',
      (env: ReturnType<typeof project>) => {
        const run = env.run;
        env.run = (c, a) => (a[1] === 'build' ? { status: 0, stdout: '', stderr: '' } : run(c, a));
      },
      'The build left no dist/Code.js: run `npm run build` and read its errors.',
    ],
  ])('%s: one line with the fix, and nothing pushed', (_name, plant, message) => {
    const env = project();
    plant(env);
    expect(() => deploy(env)).toThrow(message);
    expect(claspCalls(env)).not.toContain('push');
    expect(existsSync(path.join(env.root, '.deployment.json'))).toBe(false);
  });
});

describe('getting started', () => {
  test('create-sheet: a new spreadsheet with its bound script, rootDir dist', () => {
    const env = project(PLACEHOLDER_SCRIPT_ID);
    createProject(env, { title: 'Our contacts' });
    expect(env.calls).toContain('clasp create-script --type sheets --title Our contacts --rootDir dist');
    expect(JSON.parse(readFileSync(path.join(env.root, '.clasp.json'), 'utf8')).scriptId).toBe('new-script');
  });

  test('bind-sheet: a script bound to an existing spreadsheet', () => {
    const env = project(PLACEHOLDER_SCRIPT_ID);
    createProject(env, { parentId: '1AbCsheet' });
    expect(env.calls).toContain('clasp create-script --parentId 1AbCsheet --title Contact lookup --rootDir dist');
  });

  test('refuses to replace a real project, and restores the placeholder when clasp fails', () => {
    expect(() => createProject(project('real-id'), {})).toThrow('already names script real-id');
    const env = project(PLACEHOLDER_SCRIPT_ID);
    env.answers['create-script'] = () =>
      ({ status: 1, stdout: '', stderr: 'Request had insufficient authentication scopes.' }) as never;
    expect(() => createProject(env, {})).toThrow(
      'clasp create-script failed: Request had insufficient authentication scopes.',
    );
    expect(JSON.parse(readFileSync(path.join(env.root, '.clasp.json'), 'utf8')).scriptId).toBe(PLACEHOLDER_SCRIPT_ID);
  });
});
