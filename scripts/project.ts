/**
 * npm run deploy [-- --deployment ID | --new-deployment] [--description TEXT]
 * npm run create-sheet [-- --title TITLE]
 * npm run bind-sheet -- <spreadsheet ID or URL> [--title TITLE]
 *
 * The options are checked first: a wrong one gets one line and the usage, exit 2, before any
 * login check, build or clasp call.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createProject, deploy, DeployEnv, DeployError, DeployOptions, verifyDeployment } from './deploy-lib';
import { parseOptions, UsageError } from './options';
import { Verdict } from './probe';

export const PROJECT_USAGE = {
  deploy: 'usage: npm run deploy [-- --deployment ID | --new-deployment] [--description TEXT]',
  create: 'usage: npm run create-sheet [-- --title TITLE]',
  bind: 'usage: npm run bind-sheet -- <spreadsheet ID or URL> [--title TITLE]',
};

/** The npm script each command is run as, which is what the admin typed. */
const SCRIPT_NAME = { deploy: 'npm run deploy', create: 'npm run create-sheet', bind: 'npm run bind-sheet' };

export type ProjectCommand =
  | { command: 'deploy'; options: DeployOptions }
  | { command: 'create'; title?: string }
  | { command: 'bind'; parentId: string; title?: string };

/** A spreadsheet's ID, also from its whole URL (…/spreadsheets/d/<id>/edit…). */
function spreadsheetId(given: string): string {
  const id = /\/spreadsheets\/d\/([^/?#]+)/.exec(given)?.[1] ?? given;
  if (!/^[A-Za-z0-9_-]{20,}$/.test(id))
    throw new UsageError(
      `not a spreadsheet ID: ${given} (it is the long part of the sheet's URL, between /d/ and /edit)`,
    );
  return id;
}

/** A deployment's ID, also from its web app URL (…/macros/s/<id>/exec). */
function deploymentId(given: string): string {
  const id = /\/macros\/s\/([^/?#]+)/.exec(given)?.[1] ?? given;
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new UsageError(`--deployment takes a deployment ID, not ${given}`);
  return id;
}

/** The command and its options; throws UsageError (one line) for anything it does not take. */
export function parseProjectArgs(argv: string[]): ProjectCommand {
  const [command, ...args] = argv;
  if (command === 'deploy') {
    const { values } = parseOptions(args, {
      'new-deployment': { type: 'boolean' },
      deployment: { type: 'string' },
      description: { type: 'string' },
    });
    if (values['new-deployment'] && values.deployment !== undefined)
      throw new UsageError('--deployment (update that one) and --new-deployment (make another) exclude each other');
    return {
      command,
      options: {
        newDeployment: values['new-deployment'] === true,
        deploymentId: values.deployment === undefined ? undefined : deploymentId(String(values.deployment)),
        description: values.description as string | undefined,
      },
    };
  }
  if (command === 'create') {
    const { values } = parseOptions(args, { title: { type: 'string' } });
    return { command, title: values.title as string | undefined };
  }
  if (command === 'bind') {
    const { values, positionals } = parseOptions(args, { title: { type: 'string' } }, 1);
    if (positionals.length === 0)
      throw new UsageError("the spreadsheet ID is missing (it is the long part of the sheet's URL)");
    return { command, parentId: spreadsheetId(positionals[0]), title: values.title as string | undefined };
  }
  throw new UsageError(`unknown command ${command ?? '(none)'}`);
}

export interface ProjectIo {
  out(line: string): void;
  err(line: string): void;
}

/** The whole command; returns the exit status: 0 done, 1 failed, 2 wrong options (nothing was run). */
export async function runProject(
  argv: string[],
  env: DeployEnv,
  io: ProjectIo,
  verify: (url: string) => Promise<Verdict> = verifyDeployment,
): Promise<number> {
  let parsed: ProjectCommand;
  try {
    parsed = parseProjectArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    const known = argv[0] in PROJECT_USAGE ? (argv[0] as keyof typeof PROJECT_USAGE) : undefined;
    const usage = known ? PROJECT_USAGE[known] : Object.values(PROJECT_USAGE).join('\n');
    io.err(`${known ? SCRIPT_NAME[known] : 'project.ts'}: ${err.message}\n${usage}`);
    return 2;
  }
  try {
    if (parsed.command === 'deploy') {
      const url = deploy(env, parsed.options);
      io.out(`\nWeb app URL (unchanged by redeploys): ${url}`);
      env.log('checking the deployment as SnapEngage will call it: no sign-in, redirects followed');
      const verdict = await verify(url);
      if (!verdict.ok) {
        throw new DeployError(
          `Deployed, but SnapEngage cannot use it: ${verdict.message}\nCheck again: npm run smoke -- ${url} --status`,
        );
      }
      io.out(`The deployment answers: ${verdict.message}`);
      io.out(
        'First time? Open the spreadsheet, run Contact lookup > Set up, and paste the URL it shows into SnapEngage (HTTP GET).',
      );
    } else {
      const how =
        parsed.command === 'bind' ? { parentId: parsed.parentId, title: parsed.title } : { title: parsed.title };
      io.out(createProject(env, how).trim());
      io.out('\nNext: npm run deploy');
    }
    return 0;
  } catch (err) {
    io.err(err instanceof DeployError ? err.message : `Unexpected failure: ${(err as Error).message}`);
    return 1;
  }
}

function realEnv(): DeployEnv {
  const root = path.resolve(__dirname, '..');
  const claspBin = path.join(root, 'node_modules', '@google', 'clasp', 'build', 'src', 'index.js');
  return {
    root,
    claspInstalled: () => existsSync(claspBin),
    log: (line) => console.log(`> ${line}`),
    run(command, args) {
      const [file, argv] = command === 'clasp' ? [process.execPath, [claspBin, ...args]] : ['npm', args];
      const interactive = command === 'npm';
      const result = spawnSync(file, argv, { cwd: root, encoding: 'utf8', stdio: interactive ? 'inherit' : 'pipe' });
      // A clasp that could not even start (result.error) says why in its stderr's place.
      const stderr = `${result.stderr ?? ''}${result.error ? result.error.message : ''}`;
      return { status: result.status ?? 1, stdout: result.stdout ?? '', stderr };
    },
  };
}

if (require.main === module) {
  const io: ProjectIo = { out: (line) => console.log(line), err: (line) => console.error(line) };
  void runProject(process.argv.slice(2), realEnv(), io).then((status) => process.exit(status));
}
