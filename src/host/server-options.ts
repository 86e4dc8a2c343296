/** Internal: the Node HTTP server's limits on how long a client may take to send a request (issue 11). */
import type { ServerOptions } from 'node:http';
import type { Config } from '../config/config.js';

/**
 * Entra's provisioning service gives each SCIM request 60 s end to end and sends a few kB from Azure, so a request
 * arrives in milliseconds; seconds are plenty for headers and body, and a slow database (the answer) is not bounded
 * here. Node's `requestTimeout` is the backstop for bodies nobody reads (the app's body reader times out first, with
 * an error in the protocol's shape); the checks run every second instead of Node's default 30 s, or a stalled
 * client would outlive its timeout by up to half a minute.
 */
export function httpServerOptions(config: Config): ServerOptions {
  const headersMs = config.http.headersTimeoutSeconds * 1000;
  const bodyMs = config.http.bodyTimeoutSeconds * 1000;
  return {
    // Longer than the idle timeout of the load balancers in front (AWS ALB, Azure: 60 s), so they close first.
    keepAliveTimeout: 65_000,
    headersTimeout: headersMs,
    // Headers, authentication (a database lookup that may queue) and the body.
    requestTimeout: headersMs + bodyMs + 10_000,
    connectionsCheckingInterval: 1_000,
  };
}
