/** Internal: Apollo Server 5 for `/graphql` over HTTP, with the error edge, limits and per-request logging. */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config/config.js';
import type { GraphQLContext } from './context.js';
import { formatError, isUnexpected } from './format-error.js';
import { assertWithinLimits } from './limits.js';

/** Rejects deep or costly operations before they execute; logs unexpected errors; logs statement counts at debug. */
function operationPlugin(schema: GraphQLSchema, config: Config): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          assertWithinLimits(schema, { document, variables: request.variables, operationName }, config.graphql);
        },
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) if (isUnexpected(error)) contextValue.log.error({ err: error.originalError ?? error }, 'GraphQL resolver failed');
        },
        async willSendResponse({ contextValue, operationName }) {
          contextValue.log.debug({ operationName, statements: contextValue.statements.count }, 'GraphQL operation done');
        },
      };
    },
  };
}

/**
 * Creates and starts the server. Apollo's landing page (it loads from a CDN) is off in every mode: browsers get the
 * GraphQL IDE of ide.ts instead. Introspection is on unless NODE_ENV=production, and whenever the IDE is on (it
 * reads the schema by introspection).
 */
export async function startApollo(schema: GraphQLSchema, config: Config): Promise<ApolloServer<GraphQLContext>> {
  const production = config.env === 'production';
  const server = new ApolloServer<GraphQLContext>({
    schema,
    introspection: !production || config.graphql.ide,
    includeStacktraceInErrorResponses: false,
    // The host drains requests in flight on SIGTERM and then stops Apollo (graphqlRoutes registers it on close);
    // Apollo stopping itself on the signal would refuse those requests.
    stopOnTerminationSignals: false,
    formatError,
    plugins: [operationPlugin(schema, config), ApolloServerPluginLandingPageDisabled()],
  });
  await server.start();
  return server;
}
