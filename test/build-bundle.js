// The bundle tests must run what `clasp push` would upload, so every test run builds it first.
const { execFileSync } = require('node:child_process');

module.exports = () => {
  execFileSync(process.execPath, [require.resolve('rollup/dist/bin/rollup'), '-c', '--silent'], { stdio: 'inherit' });
};
