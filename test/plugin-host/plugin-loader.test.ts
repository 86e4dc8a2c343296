import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin, PLUGIN_API_VERSION } from '../../src/plugin-api/index.js';
import { checkApiVersion, importPlugin, PluginLoadError } from '../../src/plugin-host/plugin-loader.js';
import { startHost } from '../helpers/test-host.js';
import { probePlugin } from '../helpers/probe-plugin.js';

const base = { version: '2.3.4', setup: () => {} };

describe('plugin API version check', () => {
  it('accepts a plugin whose range includes this host', () => {
    expect(() => checkApiVersion(definePlugin({ ...base, name: 'ok', apiVersion: `^${PLUGIN_API_VERSION}` }))).not.toThrow();
  });

  it('refuses an incompatible plugin naming the plugin and both versions', () => {
    const plugin = definePlugin({ ...base, name: 'future', apiVersion: '^2.0.0' });
    expect(() => checkApiVersion(plugin)).toThrow(PluginLoadError);
    expect(() => checkApiVersion(plugin)).toThrow(`plugin "future" 2.3.4 requires plugin API ^2.0.0, but this cardbridge provides plugin API ${PLUGIN_API_VERSION}`);
  });

  it('refuses a plugin with an invalid range', () => {
    expect(() => checkApiVersion(definePlugin({ ...base, name: 'bad', apiVersion: 'latest' }))).toThrow(/invalid apiVersion "latest"/);
  });

  it('refuses malformed declarations at definePlugin', () => {
    expect(() => definePlugin({ ...base, name: 'Bad Name', apiVersion: '^1.0.0' })).toThrow(/lowercase/);
    expect(() => definePlugin({ name: 'x', version: '1.0.0', apiVersion: '^1.0.0' } as never)).toThrow(/no setup/);
  });
});

describe('plugin loading at start-up', () => {
  it('resolves plugins/<name> from this checkout', async () => {
    const entra = await importPlugin('entra');
    expect(entra.name).toBe('entra');
    expect(typeof entra.setup).toBe('function');
  });

  it('names a plugin that cannot be found', async () => {
    await expect(importPlugin('@acme/cardbridge-plugin-missing')).rejects.toThrow(/plugin "@acme\/cardbridge-plugin-missing" could not be loaded/);
  });

  it('stops start-up when a plugin throws in setup, naming it', async () => {
    const broken = definePlugin({ name: 'broken', version: '1.0.0', apiVersion: '^1.0.0', setup: () => { throw new Error('no licence file'); } });
    await expect(startHost({ plugins: [broken] })).rejects.toThrow('plugin "broken" failed in setup: no licence file');
  });

  it('stops start-up when a plugin is incompatible', async () => {
    const future = definePlugin({ name: 'future', version: '9.0.0', apiVersion: '>=2', setup: () => {} });
    await expect(startHost({ plugins: [future] })).rejects.toThrow(/plugin "future" 9\.0\.0 requires plugin API >=2/);
  });

  it('validates plugin configuration against its Standard Schema and freezes it', async () => {
    let seen: unknown;
    const configured = definePlugin({
      name: 'configured',
      version: '1.0.0',
      apiVersion: '^1.0.0',
      configSchema: z.object({ region: z.enum(['eu', 'us']), retries: z.number().int().default(3) }),
      setup: (ctx) => {
        seen = ctx.config;
      },
    });
    await expect(startHost({ plugins: [configured], pluginConfig: { configured: { region: 'mars' } } })).rejects.toThrow(/plugin "configured" has invalid configuration: region:/);
    const host = await startHost({ plugins: [configured], pluginConfig: { configured: { region: 'eu' } } });
    try {
      expect(seen).toEqual({ region: 'eu', retries: 3 });
      expect(Object.isFrozen(seen)).toBe(true);
    } finally {
      await host.close();
    }
  });

  it('answers a throwing request with an error and keeps the other plugins serving', async () => {
    const host = await startHost({ plugins: [probePlugin(), await importPlugin('entra')] });
    try {
      const probe = await host.createDirectory({ org: 'two', provider: 'probe' });
      const entra = await host.createDirectory({ org: 'two', provider: 'entra', name: 'e' });
      expect((await fetch(`${probe.tenantUrl}/boom`, { headers: { authorization: `Bearer ${probe.secretToken}` } })).status).toBe(500);
      const users = await fetch(`${entra.tenantUrl}/Users?count=1`, { headers: { authorization: `Bearer ${entra.secretToken}` } });
      expect(users.status).toBe(200);
    } finally {
      await host.close();
    }
  });
});
