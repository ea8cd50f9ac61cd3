/**
 * npm run deploy [-- --new-deployment] | npm run create-sheet [-- --title T] | npm run bind-sheet -- <spreadsheet id>
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createProject, deploy, DeployEnv, DeployError, verifyDeployment } from './deploy-lib';

const root = path.resolve(__dirname, '..');
const claspBin = path.join(root, 'node_modules', '@google', 'clasp', 'build', 'src', 'index.js');

const env: DeployEnv = {
  root,
  claspInstalled: () => existsSync(claspBin),
  log: (line) => console.log(`> ${line}`),
  run(command, args) {
    const [file, argv] = command === 'clasp' ? [process.execPath, [claspBin, ...args]] : ['npm', args];
    const interactive = command === 'npm';
    const result = spawnSync(file, argv, { cwd: root, encoding: 'utf8', stdio: interactive ? 'inherit' : 'pipe' });
    return { status: result.status ?? 1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  },
};

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  try {
    if (command === 'deploy') {
      const url = deploy(env, {
        newDeployment: args.includes('--new-deployment'),
        description: option(args, '--description'),
      });
      console.log(`\nWeb app URL (unchanged by redeploys): ${url}`);
      env.log('checking the deployment as SnapEngage will call it: no sign-in, redirects followed');
      const verdict = await verifyDeployment(url);
      if (!verdict.ok) {
        throw new DeployError(
          `Deployed, but SnapEngage cannot use it: ${verdict.message}\nCheck again: npm run smoke -- ${url} --status`,
        );
      }
      console.log(`The deployment answers: ${verdict.message}`);
      console.log(
        'First time? Open the spreadsheet, run Contact lookup > Set up, and paste the URL it shows into SnapEngage (HTTP GET).',
      );
    } else if (command === 'create') {
      console.log(createProject(env, { title: option(args, '--title') }).trim());
      console.log('\nNext: npm run deploy');
    } else if (command === 'bind') {
      const parentId = args.find((a) => !a.startsWith('--'));
      if (!parentId)
        throw new DeployError('Give the spreadsheet ID: npm run bind-sheet -- <id from the spreadsheet URL>');
      console.log(createProject(env, { parentId, title: option(args, '--title') }).trim());
      console.log('\nNext: npm run deploy');
    } else {
      throw new DeployError('usage: project.ts deploy|create|bind');
    }
  } catch (err) {
    console.error(err instanceof DeployError ? err.message : `Unexpected failure: ${(err as Error).message}`);
    process.exit(1);
  }
}

void main();
