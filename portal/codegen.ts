/**
 * Typed GraphQL documents of the admin portal: `npm run portal:codegen` reads the committed schema.graphql and the
 * `graphql(…)` calls under src, and writes src/gql (committed, so a build needs no schema server).
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: 'string', ID: 'string' },
        skipTypename: false,
      },
    },
  },
};

export default config;
