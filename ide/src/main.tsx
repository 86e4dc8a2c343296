/**
 * The GraphQL IDE served at GET /graphql (issue 13): GraphiQL from the installed packages, bundled by Vite with its
 * Monaco workers, so it loads nothing from another origin and works on an air-gapped deployment.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './ide.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// Same origin as the page: the server that served the IDE is the one it queries.
const endpoint = new URL('/graphql', window.location.href);
const subscriptions = new URL(endpoint);
subscriptions.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';

// Headers of the editor go with every request; for subscriptions they become graphql-ws connection parameters,
// which the server reads the token from as well.
const fetcher = createGraphiQLFetcher({ url: endpoint.href, subscriptionUrl: subscriptions.href, enableIncrementalDelivery: false });

const DEFAULT_QUERY = `# cardbridge's GraphQL API. Fields need a token:
# under "Headers" below, enter
#   { "Authorization": "Bearer <token>" }
# with a token of the card product's sign-in, or one of
#   npm run cli -- jwt --org <slug> --role admin
# Headers are not stored unless you turn on
# "Persist headers" in the settings (gear, bottom left).
# The Docs button (book, top left) describes every
# type, field and argument.

query Viewer {
  viewer {
    role
    permissions
    organization {
      name
      seats {
        limit
        used
        available
      }
    }
  }
}
`;

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} defaultEditorToolsVisibility="headers" shouldPersistHeaders={false} />
  </StrictMode>,
);
