// ESLint for the whole repository: JavaScript's and typescript-eslint's recommended rules (syntax
// only, no type information: fast enough for `npm test`), the rules of hooks for the UI, and the
// domain's one rule a linter can hold: it never reads the clock (the caller passes `now`).
// Part of `npm run lint` (scripts/lint.mjs), which `npm test` runs.
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

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
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The domain never reads the clock: take `now` as an argument.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The domain never reads the clock: take `now` as an argument.',
        },
      ],
    },
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
