import { definePlugin, serveScim } from 'cardbridge/plugin';
import { entraDialect } from './dialect.js';
import { entraPortal } from './portal.js';

/**
 * Microsoft Entra ID as a directory provider: a SCIM 2.0 service provider at `/scim/entra/<directoryId>` that
 * accepts Entra's dialect. Everything else (card rules, seats, the provisioning log) happens behind the port.
 */
export default definePlugin({
  name: 'entra',
  version: '1.0.0',
  apiVersion: '^1.0.0',
  portal: entraPortal,
  setup(ctx) {
    serveScim(ctx, { dialect: entraDialect });
    ctx.log.debug({ mountPath: ctx.mountPath }, 'Entra SCIM endpoint mounted');
  },
});
