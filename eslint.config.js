import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * The product code's tests and test helpers: linted without types (see the type-aware block below). Kept in step
 * with `TESTS` in `.dependency-cruiser.cjs`.
 */
const TESTS = ['**/*.test.{ts,tsx}', '**/*.fixture.ts', '**/*.contract.ts', 'src/web/test/**'];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'test-artifacts', 'coverage', 'reports', '.stryker-tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through src/server/config.ts only.',
        },
      ],
    },
  },
  {
    // Type-aware lint of the product code in src: the rules that need the types (a promise nobody awaits, a
    // promise where a callback's void is expected, `any` leaking out of a library, a template that prints
    // `[object Object]`). The tests in src, and test/, bench/, scripts/, keep the rules above: typing them too
    // would double the time of `npm run check` (the tests are most of the files) for rules that mostly flag
    // `response.json()`'s `any` in assertions.
    files: ['src/**/*.{ts,tsx}'],
    ignores: TESTS,
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Named although recommendedTypeChecked holds them: they are why this block exists.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Off: Fastify tells a plugin, a route registration or a hook that takes no `done` callback by its being
      // async (a hook without `async` and without `done` would hang the request), so the route files'
      // `async function register…Routes` and hooks like `async (request) => { … }` are async without awaiting.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['src/server/config.ts', 'test/**', 'bench/**', '**/*.test.ts', 'vitest.config.ts', '*.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
