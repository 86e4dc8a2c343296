/**
 * The module boundaries, enforced in CI (`npm run lint`); test/lint/boundaries.test.ts plants a violation of each
 * kind in a copy of the tree and checks that the named rule fires. Type-only imports count everywhere: a type a
 * module names is a type its public .d.ts may carry.
 *
 * npm packages are part of the graph (they are not followed): a rule can forbid `pg` or `@mikro-orm/*` only because
 * `exclude` leaves node_modules in. Rules whose `to` has `reachable: true` hold for every path, not only direct
 * imports (type-only steps included).
 */
const SRC_FOLDERS = '(auth|cards|cli|config|db|domain|graphql|host|http|invites|jobs|mail|observability|photos|plugin-api|plugin-host|portal|scim|scim-service|testkit)';
/** The database and the ORM, by package (`import type { Pool } from 'pg'` resolves to pg itself or @types/pg). */
const DATABASE = 'node_modules/(@types/)?(pg|pg-[^/]+|@mikro-orm/[^/]+)/';
/** The host's web and GraphQL frameworks: a plugin gets routes and contexts typed through cardbridge/plugin. */
const HOST_FRAMEWORKS = 'node_modules/(@types/)?(koa|koa-[^/]+|@koa/[^/]+|graphql|graphql-[^/]+|type-graphql|@apollo/[^/]+|@as-integrations/[^/]+)/';

const rule = (name, from, to, comment) => ({ name, severity: 'error', comment, from: { path: from }, to: { path: to } });
const reach = (name, from, to, comment) => ({ name, severity: 'error', comment, from: { path: from }, to: { path: to, reachable: true } });

module.exports = {
  forbidden: [
    rule('config-is-a-leaf', '^src/config/', ['^src/(?!config/)', '^plugins/', 'node_modules/(?!zod/)'], 'src/config imports zod and nothing from src'),
    rule('errors-is-a-leaf', '^src/domain/errors\\.ts$', ['^src/', 'node_modules/'], 'domain/errors.ts imports nothing (plugin-api re-exports it)'),
    rule('profile-is-a-leaf', '^src/domain/users/user-profile\\.ts$', ['^src/', 'node_modules/'], 'the user profile type imports nothing: the SCIM toolkit returns it and the plugin API publishes it, as the one definition'),
    rule('plugin-events-is-a-leaf', '^src/domain/plugin-events\\.ts$', ['^src/', 'node_modules/'], 'the events plugins see, with their payloads, import nothing: the plugin API publishes them and the domain\'s event map extends them, as the one definition'),
    rule('domain-stays-inside', '^src/domain/', ['^src/(?!(domain|config|db/sql)/)', '^plugins/'], 'the domain imports the ORM, the shared SQL helpers (src/db/sql) and config types only, never an edge, a feature or a plugin'),
    rule('sql-helpers-are-a-leaf', '^src/db/sql/', ['^src/(?!db/sql/|domain/errors\\.ts$)', '^plugins/'], 'the shared SQL helpers know pg, the ORM metadata and the domain error only: every aggregate builds on them'),
    {
      name: 'domain-config-types-only',
      severity: 'error',
      comment: 'the domain is handed settings; it never loads them',
      from: { path: '^src/domain/' },
      to: { path: '^src/config/', dependencyTypesNot: ['type-only'] },
    },
    rule('db-below-edges', '^src/db/', ['^src/(?!(db|domain|config)/)', '^plugins/'], 'db knows domain and config only'),
    rule('auth-below-edges', '^src/auth/', ['^src/(?!(auth|domain|config)/)', '^plugins/'], 'sign-in and permissions know domain and config only; GraphQL and http use them'),
    {
      name: 'mail-photos-are-leaves',
      severity: 'error',
      comment: 'the mail transport and the Graph client know config at most; jobs compose them with the domain',
      from: { path: '^src/(mail|photos)/' },
      to: { path: ['^src/', '^plugins/'], pathNot: ['^src/config/', '^src/$1/'] },
    },
    rule('pages-below-host', '^src/(cards|invites)/', [`^src/(?!(cards|invites|domain|config|http)/|host/host-deps\\.ts$)`, '^plugins/'], 'public cards and invite pages know domain, config and the host deps type'),
    rule('portal-below-host', '^src/portal/', ['^src/(?!(portal|domain|auth|config|http)/|host/host-deps\\.ts$)', '^plugins/'], 'the admin portal\'s server side (links, sessions, its files) knows domain, auth, config, http and the host deps type; it is a client of GraphQL over HTTP, never of its internals'),
    reach('jobs-not-to-plugin-host', '^src/jobs/', ['^src/host/(?!host-deps\\.ts$)', '^src/(plugin-host|plugin-api|scim-service|graphql|cli|testkit)/', '^plugins/'], 'jobs use domain, mail and photos; a job never reaches the plugin host (through any path)'),
    rule('scim-is-protocol-only', '^src/scim/', ['^src/(?!scim/|domain/users/user-profile\\.ts$)', '^plugins/', DATABASE, HOST_FRAMEWORKS], 'the SCIM toolkit knows no domain, database, web framework or GraphQL; it fills the domain\'s one profile type, a leaf'),
    rule('plugin-api-surface', '^src/plugin-api/', ['^src/(?!(plugin-api|scim)/|domain/errors\\.ts$|domain/users/user-profile\\.ts$|domain/plugin-events\\.ts$)', '^plugins/'], 'plugin-api re-exports scim, domain errors, the user profile type and the plugin events only'),
    reach('plugin-api-no-orm-types', '^src/plugin-api/', [DATABASE, 'node_modules/(@types/)?(graphql|type-graphql|pg-boss)/'], 'cardbridge/plugin never names a pg, ORM or GraphQL type, directly or through what it re-exports'),
    rule('scim-service-over-the-port', '^src/scim-service/', ['^src/(?!(scim-service|plugin-api|scim)/)', '^plugins/', DATABASE], 'the SCIM service provider works through the provisioning port and the SCIM toolkit only'),
    rule('plugin-host-no-graphql', '^src/plugin-host/', ['^src/(?!(plugin-host|plugin-api|scim|scim-service|domain|db|config)/)', '^plugins/'], 'plugin-host knows plugin-api, scim, the SCIM service, domain, db and config; plugins are loaded by name'),
    reach('plugin-host-never-reaches-graphql', '^src/plugin-host/', ['^src/graphql/', 'node_modules/(graphql|type-graphql|@apollo/[^/]+)/'], 'no path from the plugin host to GraphQL'),
    rule('http-no-static-plugins', '^src/(http|host)/', ['^plugins/', '^src/(cli|testkit)/'], 'plugins are loaded by name, never imported'),
    rule('http-below-host', '^src/http/', ['^src/host/(?!host-deps\\.ts$)'], 'the HTTP pieces (app, body reader, middleware) are what the host composes; they never start it'),
    reach('graphql-provider-blind', '^src/graphql/', ['^src/(scim|scim-service|plugin-api|plugin-host)/', '^plugins/'], 'GraphQL never knows which directory a user came from: no path to SCIM or the plugin host (e.g. through jobs)'),
    rule('cli-no-graphql', '^src/cli/', '^src/(graphql|testkit)/', 'the CLI does not use GraphQL internals'),
    rule('testkit-no-graphql', '^src/testkit/', '^src/graphql/', 'the testkit does not use GraphQL'),
    rule('index-is-an-entry', `^(src/${SRC_FOLDERS}/|plugins/)`, '^src/index\\.ts$', 'src/index.ts is the package\'s "." export; code inside imports the module it needs'),

    // Plugins: `cardbridge/plugin` (tests also `cardbridge/plugin-testkit`), node builtins, their own files and the
    // dependencies their own package.json declares.
    {
      name: 'plugin-imports-src-by-path',
      severity: 'error',
      comment: 'a plugin reaches the host only through the cardbridge/plugin package name, never ../../src/… (that path does not exist once published)',
      from: { path: '^plugins/' },
      to: { path: '^src/', dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'plugin-public-api-only',
      severity: 'error',
      comment: 'plugin code imports cardbridge/plugin; plugin tests may also import cardbridge/plugin-testkit',
      from: { path: '^plugins/[^/]+/src/' },
      to: { path: '^src/', pathNot: '^src/plugin-api/index\\.ts$', dependencyTypes: ['aliased'] },
    },
    {
      name: 'plugin-tests-public-api-only',
      severity: 'error',
      comment: 'plugin tests import cardbridge/plugin and cardbridge/plugin-testkit',
      from: { path: '^plugins/[^/]+/test/' },
      to: { path: '^src/', pathNot: '^src/(plugin-api|testkit)/index\\.ts$', dependencyTypes: ['aliased'] },
    },
    rule('plugin-no-host-libraries', '^plugins/', [DATABASE, HOST_FRAMEWORKS], 'a plugin writes through the provisioning port and mounts routes through cardbridge/plugin; pg, the ORM, koa and GraphQL stay the host\'s (even when the plugin declares them)'),
    {
      name: 'plugin-undeclared-dependency',
      severity: 'error',
      comment: "a plugin's code imports only packages its own package.json declares (it is installed without cardbridge's dependencies)",
      from: { path: '^plugins/[^/]+/src/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'an import the resolver cannot find is a module no rule can check (and a missing package at run time)',
      from: { path: ['^src/', '^plugins/'] },
      to: { couldNotResolve: true },
    },
    // Type-only cycles vanish at run time (e.g. the SCIM service naming the PluginContext type it is given).
    { name: 'no-circular-domain', severity: 'warn', from: { path: '^src/' }, to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    // node_modules stays in the graph (as leaves, see doNotFollow) so rules can name packages.
    exclude: { path: '^dist/' },
    // Resolve packages the way Node does for ESM (exports maps with the "import" condition, e.g. graphql-ws/use/ws).
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
