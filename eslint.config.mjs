// ESLint for the whole repository: JavaScript's and typescript-eslint's recommended rules (syntax
// only, no type information: fast enough for `npm test`), the rules of hooks for the UI, and the
// domain's one rule a linter can hold: it never reads the clock (the caller passes `now`).
// Part of `npm run lint` (scripts/lint.mjs), which `npm test` runs.
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// The domain never reads the clock: the caller passes `now`.
const CLOCK = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'The domain never reads the clock: take `now` as an argument.',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'The domain never reads the clock: take `now` as an argument.',
  },
]

// Persistence has one home: server/repo/ (one module per collection) over server/runtime/ (the SDK).
// No other product code opens a collection or holds the database handle.
const DATABASE = [
  {
    selector: "CallExpression[callee.property.name='collection']",
    message: 'Only server/repo/ (and server/runtime/) open a collection: go through the repository module.',
  },
]
const DATABASE_IMPORTS = {
  patterns: [
    {
      group: ['**/runtime/cloud'],
      importNames: ['getDb'],
      message: 'Only server/repo/ (and server/runtime/) hold the database handle: go through the repository module.',
    },
  ],
}


export default defineConfig(
  // Build outputs, generated bundles and data; the fixture functions are prebuilt CommonJS
  // bundles the local cloud loads as they are.
  globalIgnores(
    [
      'dist/**',
      'dist-h5/**',
      'cloudfunctions/*/index.js',
      '**/node_modules/**',
      '.cache/**',
      '.cloud/**',
      '.swc/**',
      'coverage/**',
      'bench-results/**',
      'test-artifacts/**',
      'test/fixtures/functions/**',
    ],
    'build outputs and fixtures',
  ),
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // Code built from strings runs only where a comment says why.
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      // `_name` marks a parameter or binding kept for its position (a callback's signature).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The product (mini-program, functions): no collection and no database handle outside the
    // repositories and the runtime.
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts', 'cloudfunctions/*/index.ts'],
    ignores: ['server/repo/**', 'server/runtime/**'],
    rules: {
      'no-restricted-syntax': ['error', ...DATABASE],
      'no-restricted-imports': ['error', DATABASE_IMPORTS],
    },
  },
  {
    // (no-restricted-syntax is one list per file: the domain's repeats the database selectors.)
    files: ['src/domain/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...CLOCK, ...DATABASE] },
  },
  {
    // `any` is refused in the product: src/ and server/ (but for the files listed above). The local
    // cloud (a document database over untyped JSON: operators, paths, documents of any shape), the
    // tests (replies and documents read as they come) and the scripts may use it.
    files: ['emulator/**', 'test/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // jest: mock factories, and modules loaded only after a test has set up their environment
    // (env variables, globals, a DOM), must be required lazily.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Node programs written in plain JavaScript: scripts, the worker, jest and babel configs, mocks.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
