import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/** Apps Script's services: only src/gas/ may name them. */
export const APPS_SCRIPT_SERVICES = [
  'SpreadsheetApp',
  'CacheService',
  'PropertiesService',
  'LockService',
  'ScriptApp',
  'Utilities',
  'ContentService',
  'Session',
  'HtmlService',
  'Sheets',
  'Logger',
];

const NODE_ONLY = [
  'process',
  'Buffer',
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'setTimeout',
  'fetch',
  'structuredClone',
  'require',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // The sanitiser exists to match control characters.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // An Apps Script file run only by the benchmark: Apps Script's globals, entry point by name.
    files: ['bench/naive-baseline.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { PropertiesService: 'readonly', SpreadsheetApp: 'readonly', ContentService: 'readonly' },
    },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^doGet$' }] },
  },
  {
    // No import cycle anywhere in src/: each module stands on the ones below it, so a folder can be read bottom-up.
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Apps Script code: no Node globals may creep in.
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...NODE_ONLY] },
  },
  {
    // The functional core takes plain data and ports: no Apps Script service, no import from the shell.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...NODE_ONLY,
        ...APPS_SCRIPT_SERVICES.map((name) => ({
          name,
          message: 'src/core/ is pure: reach Apps Script through a port in src/gas/.',
        })),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/gas/**', '../gas', '../gas/*'], message: 'src/core/ may not import the Apps Script shell.' },
          ],
        },
      ],
    },
  },
);
