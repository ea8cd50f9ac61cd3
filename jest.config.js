/** Unit tests import src/ directly; bundle tests load dist/Code.js, built once before the run. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
  globalSetup: '<rootDir>/test/build-bundle.js',
  testTimeout: 60000,
};
