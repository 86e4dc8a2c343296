import { describe, expect, it } from 'vitest';
import { startHost } from '../helpers/test-host.js';
import { probePlugin } from '../helpers/probe-plugin.js';

describe('graceful shutdown', () => {
  it('finishes a request in flight, then refuses new connections', async () => {
    let release: (() => void) | undefined;
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    const plugin = probePlugin({
      onSlow: (r) => {
        release = r;
        arrived();
      },
    });
    const host = await startHost({ plugins: [plugin] });
    const { directoryId, secretToken } = await host.createDirectory({ org: 'shutdown', provider: 'probe' });
    const inFlight = fetch(`${host.url}/scim/probe/${directoryId}/slow`, { headers: { authorization: `Bearer ${secretToken}` } }).then(async (r) => ({ status: r.status, body: await r.json() }));
    await requestArrived;
    const closing = host.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    release!();
    expect(await inFlight).toEqual({ status: 200, body: { finished: true } });
    await closing;
    await expect(fetch(`${host.url}/healthz`)).rejects.toThrow();
  });
});
