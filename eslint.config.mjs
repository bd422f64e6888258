import js from '@eslint/js'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import { builtinModules } from 'node:module'
import { defineConfig, globalIgnores } from 'eslint/config'
import tseslint from 'typescript-eslint'

/**
 * The rooms and who may import whom (ARCHITECTURE.md explains each rule; a test in
 * test/unit/lint/ proves every rule fires). Module names are held by `no-restricted-imports`,
 * whose file groups below never overlap (a later block would replace an earlier one's list);
 * folders are held by import-x's `no-restricted-paths`, whose zones all apply at once.
 */

/** Files that may import Electron: the shell, its adapters, the preload and the tests' stand-in. */
const electronFiles = [
  'electron/main/index.ts',
  'electron/main/adapters/**',
  'electron/preload/**',
  'test/support/electron-stand-in/**',
]
const electronOnly =
  'Only electron/main/index.ts, electron/main/adapters/ and the preload import Electron; services take plain adapters.'
const electronImports = {
  paths: [{ name: 'electron', message: electronOnly }],
  patterns: [{ group: ['electron/*'], message: electronOnly }],
}

/** What runs in the page (and in shared/, which both processes load): no Node, no native code. */
const pageOnly = 'The renderer and shared/ run without Node: ask main over the contract.'
const mainOnlyPackages = ['keytar', '@napi-rs/keyring', 'better-sqlite3', 'fflate', 'exceljs']
const pageImports = {
  paths: [
    ...electronImports.paths,
    ...[...builtinModules.flatMap((name) => [name, `node:${name}`]), ...mainOnlyPackages].map(
      (name) => ({ name, message: pageOnly }),
    ),
  ],
  patterns: [...electronImports.patterns, { group: ['node:*'], message: pageOnly }],
}

const main = (room) => `electron/main/${room}`
const zones = [
  {
    target: ['renderer', 'shared'],
    from: ['electron'],
    message: 'The renderer and shared/ reach main only through the contract (window.freightdesk).',
  },
  { target: 'shared', from: 'renderer', message: 'shared/ depends on nothing of the renderer.' },
  {
    target: 'electron/preload',
    from: 'electron/main',
    message: 'The preload is a thin door: it imports nothing from main.',
  },
  {
    target: main('cache'),
    from: [main('providers'), main('services'), main('sync'), main('ipc')],
    message: 'The cache knows only SQL: no provider, service or sync code.',
  },
  {
    target: main('providers'),
    from: [main('cache'), main('services'), main('sync'), main('ipc')],
    message: 'A provider client knows only its provider: no cache, service or sync code.',
  },
  {
    target: [main('services'), main('sync'), main('cache'), main('providers'), main('events')],
    from: main('ipc'),
    message: 'Services do not depend on the transport: publish through events/event-hub.ts.',
  },
  {
    target: main('simulators'),
    from: [
      main('providers'),
      main('cache'),
      main('services'),
      main('sync'),
      main('ipc'),
      'renderer',
    ],
    message:
      'The simulators stand in for the providers, written from their documentation: they never import the clients (their wire shapes, types or mappers), the cache or the services.',
  },
  {
    target: [`${main('!(simulators)')}/**`, `${main('*.ts')}`],
    from: main('simulators'),
    except: ['./index.ts'],
    message: 'Use the simulators through electron/main/simulators/index.ts.',
  },
]

export default defineConfig(
  globalIgnores([
    'out/',
    'node_modules/',
    'test-results/',
    'playwright-report/',
    'bench/results.json',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts', '.cts'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.test.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', electronImports],
      'import-x/no-restricted-paths': ['error', { zones, basePath: import.meta.dirname }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: electronFiles, rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['renderer/**', 'shared/**'],
    rules: { 'no-restricted-imports': ['error', pageImports] },
  },
  {
    files: ['renderer/**'],
    extends: [reactHooks.configs.flat['recommended-latest'], jsxA11y.flatConfigs.recommended],
    rules: {
      // DebouncedInput renders an <input>: a label around it labels a control.
      'jsx-a11y/label-has-associated-control': ['error', { controlComponents: ['DebouncedInput'] }],
    },
  },
)
