/** Internal: Apollo Server 5 for `/graphql` over HTTP, with the error edge, limits and per-request logging. */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
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

/** Creates and starts the server. Introspection and the landing page are off in production. */
export async function startApollo(schema: GraphQLSchema, config: Config): Promise<ApolloServer<GraphQLContext>> {
  const production = config.env === 'production';
  const server = new ApolloServer<GraphQLContext>({
    schema,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    // The host drains requests in flight on SIGTERM and then stops Apollo (graphqlRoutes registers it on close);
    // Apollo stopping itself on the signal would refuse those requests.
    stopOnTerminationSignals: false,
    formatError,
    plugins: [operationPlugin(schema, config), production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true })],
  });
  await server.start();
  return server;
}
