// The layers of docs/architecture.md, enforced: which folder may import which, no import cycles,
// no test code in the service, one import order. Only import rules: tsc checks the types.
//
// TypeScript 7 has no JavaScript API, so typescript-eslint cannot parse; Babel's TypeScript
// preset parses the syntax (type-only imports included), which is all these rules need.
import babelParser from '@babel/eslint-parser';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const TESTS = ['**/*.test.ts', 'test/**'];
/** Everything under src/ that runs in the service (not its tests). */
const SERVICE = ['src/**/*.ts'];

/** `target` may not import `from`; the message names the layer rule it breaks. */
const zone = (target, from, message, except) => ({ target, from, message, ...(except ? { except } : {}) });

// Only storage reads the seed (besides the seed itself, the tests and the database scripts).
const SEED_ONLY_FROM_DB = 'Only src/db reads seed/: the rest of the service reads the database.';
const SEED_READERS = ['./*.ts', './!(src|seed|test|scripts|node_modules)/**', './src/*.ts', './src/!(db)/**'].map((target) =>
  zone(target, './seed', SEED_ONLY_FROM_DB),
);

export default [
  // Generated files are checked against their generator instead (test/examples.test.ts).
  { ignores: ['node_modules/**', 'data/**', 'test-results/**', 'migrations/**', 'examples/typescript/generated/**'] },
  {
    files: ['**/*.ts', '**/*.js'],
    languageOptions: {
      parser: babelParser,
      parserOptions: {
        requireConfigFile: false,
        babelOptions: { babelrc: false, configFile: false, parserOpts: { plugins: ['typescript'] } },
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
      'import-x/parsers': { '@babel/eslint-parser': ['.ts', '.js'] },
    },
    rules: {
      // Type-only imports are erased at run time, so they close no cycle.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      'import-x/first': 'error',
      // Packages first, then the project's own modules.
      'import-x/order': ['error', { groups: [['builtin', 'external'], ['internal', 'parent', 'sibling', 'index']] }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...SEED_READERS,
          ],
        },
      ],
    },
  },
  {
    files: SERVICE,
    ignores: TESTS,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...SEED_READERS,
            zone('./src/domain', './', 'src/domain holds pure rules: it imports nothing outside src/domain.', ['./src/domain']),
            zone('./src/graphql', './src/http', 'The schema knows nothing of HTTP: src/graphql may not import src/http.'),
            zone('./src/http', './src/db', 'The HTTP front knows nothing of storage: src/http may not import src/db.'),
            zone('./src', './test', 'The service never imports test code: test helpers live in test/support.'),
          ],
        },
      ],
      // Test libraries (fast-check, vitest) are devDependencies: a service module importing one is test
      // code. The breaking-change gate is the exception: CI runs it (npm run schema:breaking), never the service.
      'import-x/no-extraneous-dependencies': ['error', { devDependencies: ['scripts/schema-gate.ts'] }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: TESTS,
    // No clock, no file system, no network: the domain is pure.
    rules: { 'import-x/no-nodejs-modules': 'error' },
  },
];
