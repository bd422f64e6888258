import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import { builtinModules } from 'node:module'
import { defineConfig, globalIgnores } from 'eslint/config'
import tseslint from 'typescript-eslint'

const electronOnlyInShell = {
  name: 'electron',
  message:
    'Only electron/main/index.ts, electron/main/adapters/ and the preload may import Electron; services take plain adapters.',
}
const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`])

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
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
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
  {
    files: [
      'electron/main/index.ts',
      'electron/main/adapters/**',
      'electron/preload/**',
      'test/support/electron-stand-in/**',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/main/simulators/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            {
              group: [
                '**/providers/**',
                '**/cache/**',
                '**/services/**',
                '**/ipc/**',
                '**/renderer/**',
              ],
              message:
                'The simulators stand in for the providers, written from their documentation: they never import the clients (their wire shapes, types or mappers), the cache or the services.',
            },
          ],
        },
      ],
    },
  },
  {
    // Issue 10: main's code outside the simulators (the sandbox service) reaches them only through
    // their public index.ts, so the simulators' insides stay free to change.
    files: ['electron/main/**'],
    ignores: ['electron/main/simulators/**', 'electron/main/index.ts', 'electron/main/adapters/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            {
              group: ['**/simulators/*/**'],
              message: 'Use the simulators through electron/main/simulators/index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronOnlyInShell,
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'The renderer has no Node: ask main over the contract.',
            })),
          ],
          patterns: [
            {
              group: ['**/electron/**'],
              message: 'The renderer reaches main only through api/client.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronOnlyInShell,
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'shared/ runs in both processes: no Node APIs.',
            })),
          ],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ depends on nothing of main or the renderer.',
            },
          ],
        },
      ],
    },
  },
)
