/**
 * The portal's GraphQL client: urql over POST /graphql with the session cookie and its CSRF token, and graphql-ws
 * on the same path for subscriptions (the server authenticates the upgrade by the cookie and the page's Origin).
 */
import { createClient as createSocket } from 'graphql-ws';
import { cacheExchange, Client, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import type { PortalSession } from './session';

export function createPortalClient(session: PortalSession, onSessionEnded: () => void): Client {
  const endpoint = new URL('/graphql', window.location.href);
  const socketUrl = new URL(endpoint);
  socketUrl.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = createSocket({
    url: socketUrl.href,
    lazy: true,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    on: {
      closed: (event) => {
        if ((event as CloseEvent).code === 4403) onSessionEnded();
      },
    },
  });
  return new Client({
    url: endpoint.href,
    preferGetMethod: false,
    fetchOptions: () => ({ credentials: 'same-origin', headers: { 'x-csrf-token': session.csrfToken } }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (error.response?.status === 401 || error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) onSessionEnded();
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = socket.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
}
