/**
 * The boundaries between the layers of `src/`, checked by a machine (`npm run check` runs `depcruise src`).
 *
 * Each rule is named for what it keeps out, says why, and is checked against a fixture that breaks it on purpose
 * (`test/boundaries/`). Paths are relative to where dependency-cruiser runs (the repository, or a fixture tree of
 * the same shape). Type-only imports count (`tsPreCompilationDeps`): a type is a dependency too, and a circle
 * through `import type` is still a circle to a reader.
 *
 * To add a rule, add a named object to `forbidden` (and, if the layers it names are new, a constant below) and a
 * fixture file that breaks it.
 */

/**
 * Tests and their helpers beside the code. A test may build the whole app to exercise one layer (a platform test
 * signs in through the routes), so the layer rules are about the product code; the circle rule still covers tests.
 */
const TESTS = ['\\.test\\.tsx?$', '\\.fixture\\.ts$', '\\.contract\\.ts$', '^src/web/test/'];

/**
 * The libraries the domain's product code may use: it runs in the browser as well as on the server. (Not anchored
 * at the start: from a fixture tree the project's node_modules is `../../../node_modules`.)
 */
const DOMAIN_LIBRARIES = ['(^|/)node_modules/zod/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No circle between files anywhere in src, type-only imports included: a circle makes the load order ' +
        'matter and hides which of two files is the lower one. Break it by moving what both need to a file of ' +
        'its own, or by handing a value or function in.',
      from: { path: '^src/' },
      to: {
        circular: true,
      },
    },
    {
      name: 'domain-only-itself',
      severity: 'error',
      comment:
        'src/domain is shared by the server and the web UI, so it imports nothing else of the project.',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['local'], pathNot: '^src/domain/' },
    },
    {
      name: 'domain-only-its-libraries',
      severity: 'error',
      comment:
        'src/domain runs in the browser: its product code uses zod and nothing else — no Node built-in, no I/O ' +
        '(its tests may: vitest, fast-check, node:fs for the fixed vectors).',
      from: { path: '^src/domain/', pathNot: TESTS },
      to: { dependencyTypesNot: ['local'], pathNot: DOMAIN_LIBRARIES },
    },
    {
      name: 'web-only-itself-and-domain',
      severity: 'error',
      comment:
        'The web UI reaches the server only over HTTP; of the project it imports only itself and src/domain.',
      from: { path: '^src/web/' },
      to: { dependencyTypes: ['local'], pathNot: ['^src/web/', '^src/domain/'] },
    },
    {
      name: 'web-no-node-builtins',
      severity: 'error',
      comment: 'The web UI runs in the browser: no Node built-in in its product code.',
      from: { path: '^src/web/', pathNot: TESTS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'platform-only-below',
      severity: 'error',
      comment:
        'src/server/platform is the plumbing under the modules: it imports only itself, src/domain and ' +
        'src/server/db — no module, not app.ts, not config.ts. What it needs from above (settings, a session ' +
        'lookup, where the web build is) is handed in as values or functions.',
      from: { path: '^src/server/platform/', pathNot: TESTS },
      to: {
        dependencyTypes: ['local'],
        pathNot: ['^src/server/platform/', '^src/domain/', '^src/server/db/'],
      },
    },
    {
      name: 'db-only-itself',
      severity: 'error',
      comment:
        'src/server/db (client, migrations, reference data, chains) is the bottom of the server: it imports ' +
        'nothing else of the project, so every module can use it and it never needs a module.',
      from: { path: '^src/server/db/', pathNot: TESTS },
      to: { dependencyTypes: ['local'], pathNot: '^src/server/db/' },
    },
    {
      name: 'module-through-its-face',
      severity: 'error',
      comment:
        'A module of src/server/modules is reached by another only through its public face (its index.ts), which ' +
        'exports what other modules may use: its files are its own to rename, split or change (tests included).',
      from: { path: '^src/server/modules/([^/]+)/' },
      to: {
        path: '^src/server/modules/[^/]+/',
        pathNot: ['^src/server/modules/$1/', '^src/server/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'no-module-circle',
      severity: 'error',
      comment:
        'No circle among the modules, at folder level: if two modules need each other (directly or round a ' +
        'circle), what they share belongs in a module below both (as correspondence is for intake, orders, escorts ' +
        'and submission), or is handed in (as the exchange is handed the handlers).',
      scope: 'folder',
      from: { path: '^src/server/modules/[^/]+$' },
      to: { path: '^src/server/modules/[^/]+$', circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import of src that the checker cannot resolve would escape every rule above; tsc would refuse it ' +
        'too, so this only fires when the checker itself lost its way. (Only src: a test helper loads the ' +
        'platform-specific PostgreSQL package, which the checker does not find and which no rule is about.)',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // For no-module-circle, which sees folders: the shared test helpers of test/ import every module (they are not
    // followed, so that a module's test using them does not make the modules a circle), and the tests of the other
    // folders of src (a platform test may build the whole app) are left out — a test file is imported by nothing,
    // so it can close no circle between files either.
    doNotFollow: { path: ['node_modules', '^test/'] },
    exclude: { path: '^src/(?!server/modules/).*\\.test\\.tsx?$' },
    enhancedResolveOptions: {
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      // Subpath exports (csv-parse/sync) resolve as Node resolves them.
      exportsFields: ['exports'],
    },
  },
};
