import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'http',
  'net',
  'crypto',
  'url'
]

/** Each source folder runs in one environment; these rules stop imports that would not load there. */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      '@typescript-eslint/consistent-type-imports': 'error'
    }
  },
  {
    files: [
      '**/*.{js,mjs,cjs}',
      'scripts/**',
      '*.config.ts',
      'src/main/**',
      'src/cli/**',
      'test/**'
    ],
    languageOptions: { globals: { ...globals.node } }
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: restrict([
      {
        group: [...nodeBuiltins, 'electron', 'better-sqlite3', 'react', 'react-dom', 'three', 'ws'],
        message: 'src/engine is pure TypeScript: no Node, Electron, SQLite or UI imports.'
      },
      {
        group: ['**/main/**', '**/renderer/**', '**/cli/**'],
        message: 'the engine depends on nothing but shared/.'
      }
    ])
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict([
      {
        group: [...nodeBuiltins, 'electron', 'better-sqlite3', 'react', 'three', 'ws'],
        message: 'src/shared is the process contract: it runs everywhere.'
      },
      {
        group: ['**/main/**', '**/renderer/**', '**/cli/**'],
        message: 'shared imports nothing from a process.'
      }
    ])
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([
        {
          group: [...nodeBuiltins, 'electron', 'better-sqlite3', 'ws'],
          message:
            'the renderer is a sandboxed web page: it reaches the twin through window.twin only.'
        },
        {
          group: ['**/main/**', '**/cli/**', '**/preload/**'],
          message: 'the renderer talks to TwinApi only.'
        }
      ])
    }
  },
  {
    files: ['src/main/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ['src/main/index.ts'],
    rules: restrict([
      {
        group: ['electron'],
        allowTypeImports: true,
        message:
          'only src/main/index.ts loads electron; glue takes it as a parameter so tests can pass a fake.'
      },
      { group: ['**/renderer/**'], message: 'main does not import renderer code.' }
    ])
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: restrict([
      { group: ['electron', '**/main/electron/**'], message: 'the CLI runs without Electron.' },
      { group: ['**/renderer/**'], message: 'the CLI does not import renderer code.' }
    ])
  },
  prettier
)
