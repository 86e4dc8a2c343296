import { definePlugin, serveScim } from 'cardbridge/plugin';
import { oktaDialect } from './dialect.js';
import { oktaPortal } from './portal.js';

/**
 * Okta as a directory provider, written only against `cardbridge/plugin`: a SCIM 2.0 service provider at
 * `/scim/okta/<directoryId>` with Okta's dialect. Card rules, seats and the provisioning log come from the port.
 */
export default definePlugin({
  name: 'okta',
  version: '1.0.0',
  apiVersion: '^1.0.0',
  portal: oktaPortal,
  setup(ctx) {
    serveScim(ctx, { dialect: oktaDialect });
  },
});
