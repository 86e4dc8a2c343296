/**
 * The dependency table of STYLE.md §2, enforced in CI (`npm run lint`). A plugin that imports an entity, the ORM
 * or the GraphQL layer fails the build.
 */
const rule = (name, from, to, comment) => ({ name, severity: 'error', comment, from: { path: from }, to: { path: to } });

module.exports = {
  forbidden: [
    rule('config-is-a-leaf', '^src/config/', '^src/(?!config/)', 'src/config imports nothing else from src'),
    rule('errors-is-a-leaf', '^src/domain/errors\\.ts$', '^src/', 'domain/errors.ts imports nothing'),
    rule('domain-stays-inside', '^src/domain/', '^src/(http|graphql|scim|plugin-api|plugin-host|cli|testkit|db)/|^plugins/', 'the domain never imports edges or plugins'),
    rule('db-below-edges', '^src/db/', '^src/(http|graphql|plugin-api|plugin-host|cli|scim)/', 'db knows domain and config only'),
    rule('scim-is-protocol-only', '^src/scim/', '^src/(?!scim/)|^plugins/|node_modules/(@mikro-orm|pg|graphql|type-graphql)', 'the SCIM toolkit knows no domain, database or GraphQL'),
    rule('plugin-api-surface', '^src/plugin-api/', '^src/(?!(plugin-api|scim)/|domain/errors\\.ts$)', 'plugin-api re-exports scim and domain errors only'),
    rule('plugin-host-no-graphql', '^src/plugin-host/', '^src/(graphql|http|cli)/|^plugins/', 'plugin-host never imports GraphQL, http or plugins'),
    rule('http-no-static-plugins', '^src/http/', '^plugins/', 'plugins are loaded by name, never imported'),
    rule('graphql-provider-blind', '^src/graphql/', '^src/(scim|plugin-api|plugin-host)/|^plugins/', 'GraphQL never knows which directory a user came from'),
    rule('cli-no-graphql', '^src/cli/', '^src/graphql/', 'the CLI does not use GraphQL internals'),
    rule('testkit-no-graphql', '^src/testkit/', '^src/graphql/', 'the testkit does not use GraphQL'),
    {
      name: 'plugins-only-public-api',
      severity: 'error',
      comment: 'plugins import cardbridge/plugin (and their own files and dependencies), never src/ by path',
      from: { path: '^plugins/' },
      to: { path: '^src/(?!(plugin-api|testkit)/)|node_modules/(@mikro-orm|type-graphql|@apollo|graphql)/' },
    },
    // Type-only cycles vanish at run time (e.g. the SCIM service naming the PluginContext type it is given).
    { name: 'no-circular-domain', severity: 'warn', from: { path: '^src/' }, to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(dist|node_modules)/' },
  },
};
