import { definePlugin } from '../../src/plugin-api/index.js';

/** A minimal plugin for host tests: an authenticated echo and a request that waits until released. */
export function probePlugin(options: { onSlow?: (release: () => void) => void } = {}) {
  return definePlugin({
    name: 'probe',
    version: '1.0.0',
    apiVersion: '^1.0.0',
    setup(ctx) {
      ctx.router.get('/:directoryId/whoami', async (koa) => {
        const directory = await ctx.directories.authenticate(koa, koa.params.directoryId!);
        koa.body = { directoryId: directory.id, organizationId: directory.organizationId };
      });
      ctx.router.get('/:directoryId/slow', async (koa) => {
        await new Promise<void>((resolve) => options.onSlow?.(resolve));
        koa.body = { finished: true };
      });
      ctx.router.get('/:directoryId/boom', () => {
        throw new Error('secret internal detail: select * from app_user');
      });
    },
  });
}
