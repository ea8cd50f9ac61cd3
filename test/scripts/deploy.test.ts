/**
 * The deploy script's decisions, with clasp and npm replaced by a recording stub.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createProject, deploy, DeployEnv, PLACEHOLDER_SCRIPT_ID } from '../../scripts/deploy-lib';
import { runProject } from '../../scripts/project';

function project(scriptId = 'script-123') {
  const root = mkdtempSync(path.join(tmpdir(), 'deploy-'));
  writeFileSync(path.join(root, '.clasp.json'), JSON.stringify({ scriptId, rootDir: 'dist' }));
  const calls: string[] = [];
  let deployments = 0;
  const listed: { deploymentId: string; versionNumber: number; description?: string }[] = [];
  const answers: Record<string, () => { status: number; stdout: string }> = {
    'show-authorized-user': () => ({
      status: 0,
      stdout: JSON.stringify({ loggedIn: true, email: 'admin@example.com' }),
    }),
    push: () => ({ status: 0, stdout: 'Pushed 2 files.' }),
    'create-deployment': () => {
      const deployment = { deploymentId: `AKfy-${++deployments}`, versionNumber: deployments };
      listed.push(deployment);
      return { status: 0, stdout: JSON.stringify(deployment) };
    },
    'update-deployment': () => ({ status: 0, stdout: JSON.stringify({ deploymentId: 'ignored-by-test' }) }),
    // As clasp 3.4 prints it with --json: @HEAD is the one without a version number.
    'list-deployments': () => ({
      status: 0,
      stdout: JSON.stringify(
        [{ deploymentId: 'AKfy-HEAD', description: '' }, ...listed].map((d) => ({ ...d })),
        null,
        2,
      ),
    }),
    'create-script': () => {
      writeFileSync(path.join(root, '.clasp.json'), JSON.stringify({ scriptId: 'new-script', rootDir: 'dist' }));
      return {
        status: 0,
        stdout:
          'Created new document: https://drive.google.com/open?id=sheet\nCreated new script: https://script.google.com/d/new-script/edit',
      };
    },
  };
  const env: DeployEnv & {
    calls: string[];
    answers: typeof answers;
    installed: boolean;
    listed: typeof listed;
  } = {
    root,
    calls,
    listed,
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
    expect(claspCalls(env)).toEqual(['show-authorized-user', 'list-deployments', 'push', 'create-deployment']);
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
      '.clasp.json still has the placeholder script ID.',
    ],
    [
      'not logged in',
      (env: ReturnType<typeof project>) =>
        (env.answers['show-authorized-user'] = () => ({ status: 0, stdout: '{"loggedIn": false}' })),
      'Not logged in to clasp. Log in to clasp: `npx clasp login` (on a remote machine',
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
      'clasp create-script failed (exit status 1):\n  Request had insufficient authentication scopes.\nLog in to clasp',
    );
    expect(JSON.parse(readFileSync(path.join(env.root, '.clasp.json'), 'utf8')).scriptId).toBe(PLACEHOLDER_SCRIPT_ID);
  });
});

describe('a lost .deployment.json (a new machine, a second admin) keeps the URL', () => {
  const forget = (env: { root: string }) => rmSync(path.join(env.root, '.deployment.json'));

  test('the one web-app deployment clasp lists (not @HEAD) is updated, and remembered again', () => {
    const env = project();
    deploy(env);
    forget(env);
    expect(deploy(env)).toBe('https://script.google.com/macros/s/AKfy-1/exec');
    expect(env.calls.filter((c) => c.includes('create-deployment'))).toHaveLength(1);
    expect(env.calls).toContainEqual(expect.stringMatching(/^clasp update-deployment AKfy-1 /));
    expect(JSON.parse(readFileSync(path.join(env.root, '.deployment.json'), 'utf8')).deploymentId).toBe('AKfy-1');
  });

  test('with several, it lists them and asks for --deployment, before building or pushing anything', () => {
    const env = project();
    deploy(env);
    deploy(env, { newDeployment: true, description: 'second' });
    forget(env);
    env.calls.length = 0;
    let message = '';
    try {
      deploy(env);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('script script-123 has 2 deployments:');
    expect(message).toContain('AKfy-1 @1');
    expect(message).toContain('https://script.google.com/macros/s/AKfy-2/exec');
    expect(message).not.toContain('AKfy-HEAD');
    expect(message).toContain('npm run deploy -- --deployment ID');
    expect(env.calls.filter((c) => c.startsWith('npm'))).toEqual([]);
    expect(claspCalls(env)).toEqual(['show-authorized-user', 'list-deployments']);

    expect(deploy(env, { deploymentId: 'AKfy-1' })).toBe('https://script.google.com/macros/s/AKfy-1/exec');
    expect(deploy(env)).toBe('https://script.google.com/macros/s/AKfy-1/exec');
  });

  test('--deployment with an ID the script does not have is refused, listing the ones it has', () => {
    const env = project();
    deploy(env);
    expect(() => deploy(env, { deploymentId: 'AKfy-gone' })).toThrow(
      /^Script script-123 has no deployment AKfy-gone\. Its deployments:\n {2}AKfy-1 @1/,
    );
    expect(claspCalls(env).filter((c) => c === 'push')).toHaveLength(1);
  });

  test('only @HEAD (never deployed as a web app): the first deployment is created', () => {
    const env = project();
    expect(deploy(env)).toBe('https://script.google.com/macros/s/AKfy-1/exec');
  });

  test('the placeholder script ID: how to start anew, and how to reuse the script that exists', () => {
    const env = project(PLACEHOLDER_SCRIPT_ID);
    let message = '';
    try {
      deploy(env);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('npm run bind-sheet -- <spreadsheet id>');
    expect(message).toContain(`put its script ID into .clasp.json in place of ${PLACEHOLDER_SCRIPT_ID}`);
    expect(message).toContain('Extensions > Apps Script > Project Settings (gear) > IDs > Script ID');
    expect(message).toContain('npx clasp list-scripts');
    expect(env.calls).toEqual([]);
  });
});

describe("clasp's failures are shown whole, with the fix when the cause is known", () => {
  const failing = (stderr: string, stdout = '') => {
    const env = project();
    env.answers.push = () => ({ status: 1, stdout, stderr }) as never;
    let message = '';
    try {
      deploy(env);
    } catch (err) {
      message = (err as Error).message;
    }
    return message;
  };

  test('every line, not just the last one (which may be only the Node.js version)', () => {
    const message = failing(
      'file:///x/clasp/build/src/index.js:12\n    throw err;\nTypeError: Cannot read properties of undefined\n\nNode.js v20.20.2',
      'Pushing files...',
    );
    expect(message).toBe(
      'clasp push failed (exit status 1):\n' +
        '  file:///x/clasp/build/src/index.js:12\n      throw err;\n  TypeError: Cannot read properties of undefined\n  \n' +
        '  Node.js v20.20.2\n  Pushing files...',
    );
  });

  test('the Apps Script API switched off: the settings page', () => {
    const message = failing(
      'User has not enabled the Apps Script API. Enable it by visiting https://script.google.com/home/usersettings then retry.',
    );
    expect(message).toContain('  User has not enabled the Apps Script API.');
    expect(message).toContain('switch on "Google Apps Script API" at https://script.google.com/home/usersettings');
  });

  test('not logged in: npx clasp login, and --no-localhost on a remote machine', () => {
    const message = failing('No credentials found.');
    expect(message).toContain('  No credentials found.\nLog in to clasp: `npx clasp login`');
    expect(message).toContain('`npx clasp login --no-localhost`');
  });

  test('a login that needed a browser on this machine: --no-localhost', () => {
    const message = failing('Error: connect ECONNREFUSED 127.0.0.1:8888 (redirect to http://localhost:8888)');
    expect(message).toContain(
      "clasp cannot receive Google's answer on localhost: log in with `npx clasp login --no-localhost`",
    );
  });

  test('an unknown failure: the whole output and no made-up fix', () => {
    const message = failing('Some new error\nwith two lines');
    expect(message).toBe('clasp push failed (exit status 1):\n  Some new error\n  with two lines');
  });

  test('a failing login check is shown the same way', () => {
    const env = project();
    env.answers['show-authorized-user'] = () => ({ status: 1, stdout: '', stderr: 'invalid_grant' }) as never;
    expect(() => deploy(env)).toThrow(
      'clasp show-authorized-user failed (exit status 1):\n  invalid_grant\nLog in to clasp',
    );
  });
});

describe('options are checked before anything runs', () => {
  async function run(argv: string[]) {
    const env = project(PLACEHOLDER_SCRIPT_ID);
    const out: string[] = [];
    const err: string[] = [];
    const status = await runProject(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) }, async () => ({
      kind: 'ok',
      ok: true,
      message: 'Contact lookup is running. Version 1.',
    }));
    return { status, out, err: err.join('\n'), calls: env.calls, env };
  }

  test.each([
    [['deploy', '--bogus'], 'unknown option --bogus', 'usage: npm run deploy'],
    [['deploy', 'now'], 'unexpected argument now', 'usage: npm run deploy'],
    [['deploy', '--deployment'], '--deployment needs a value', 'usage: npm run deploy'],
    [['deploy', '--deployment', 'AKfy-123456', '--new-deployment'], 'exclude each other', 'usage: npm run deploy'],
    [['deploy', '--description', 'a', '--description', 'b'], '--description is given twice', 'usage: npm run deploy'],
    [['create', 'Contacts'], 'unexpected argument Contacts', 'usage: npm run create-sheet'],
    [['create', '--title'], '--title needs a value', 'usage: npm run create-sheet'],
    [['bind', '--title', 'X'], 'the spreadsheet ID is missing', 'usage: npm run bind-sheet'],
    [['bind', 'X'], 'not a spreadsheet ID: X', 'usage: npm run bind-sheet'],
    [['bind', '1AbCdEfGhIjKlMnOpQrStUvWxYz', 'second'], 'unexpected argument second', 'usage: npm run bind-sheet'],
    [['frobnicate'], 'unknown command frobnicate', 'usage: npm run deploy'],
  ])('%j: one line naming it, the usage, exit 2, and no call at all', async (argv, message, usage) => {
    const result = await run(argv);
    expect(result.status).toBe(2);
    const [first, ...rest] = result.err.split('\n');
    expect(first).toContain(message);
    expect(rest[0]).toMatch(new RegExp(`^${usage}`));
    expect(result.calls).toEqual([]);
    expect(result.out).toEqual([]);
  });

  test('bind-sheet takes the ID as its argument and --title apart, also from the whole sheet URL', async () => {
    const id = '1AbCdEfGhIjKlMnOpQrStUvWxYz_-0123456789';
    for (const argv of [
      ['bind', '--title', 'Our lookup', id],
      ['bind', `https://docs.google.com/spreadsheets/d/${id}/edit#gid=0`, '--title', 'Our lookup'],
    ]) {
      const result = await run(argv);
      expect(result.status).toBe(0);
      expect(result.calls).toContain(`clasp create-script --parentId ${id} --title Our lookup --rootDir dist`);
    }
  });

  test('create-sheet --title T and deploy --deployment <the /exec URL> are understood', async () => {
    const created = await run(['create', '--title', 'Contacts 2026']);
    expect(created.calls).toContain('clasp create-script --type sheets --title Contacts 2026 --rootDir dist');
    const env = project();
    deploy(env);
    deploy(env, { newDeployment: true });
    const status = await runProject(
      ['deploy', '--deployment', 'https://script.google.com/macros/s/AKfy-1/exec'],
      env,
      { out: () => undefined, err: () => undefined },
      async () => ({ kind: 'ok', ok: true, message: 'up' }),
    );
    expect(status).toBe(0);
    expect(env.calls[env.calls.length - 1]).toMatch(/^clasp update-deployment AKfy-1 /);
  });
});
