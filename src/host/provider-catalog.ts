/** Internal: the installed plugins' portal metadata as the plain data GraphQL and the logo route read. */
import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import type { LoadedPlugin } from '../plugin-host/plugin-loader.js';
import type { DirectoryProviderInfo } from './host-deps.js';

/** A plugin without matching choices identifies users by userName, as every SCIM client does by default. */
const DEFAULT_MATCHING: DirectoryProviderInfo['matchingAttributes'] = [
  { attribute: 'userName', providerAttribute: 'userName', description: 'Users are identified by their SCIM userName.', isDefault: true },
];

/** One entry per installed plugin, in the order they were configured. */
export function providerCatalog(plugins: readonly LoadedPlugin[]): DirectoryProviderInfo[] {
  return plugins.map(({ definition, portal }) => ({
    name: definition.name,
    version: definition.version,
    displayName: portal?.displayName ?? definition.name,
    description: portal?.description ?? null,
    logoSvg: portal?.logoSvg ?? null,
    docsUrl: portal?.docsUrl ?? null,
    credentialsLocation: portal?.credentialsLocation ?? 'its provisioning settings',
    setupSteps: (portal?.setupSteps ?? []).map((step) => ({
      title: step.title,
      body: step.body,
      values: (step.values ?? []).map((v) => ({ label: v.label, placeholder: v.placeholder })),
      links: (step.links ?? []).map((l) => ({ label: l.label, url: l.url })),
    })),
    matchingAttributes: portal?.matchingAttributes?.map((c) => ({ attribute: c.attribute, providerAttribute: c.providerAttribute, description: c.description, isDefault: c.isDefault === true })) ?? DEFAULT_MATCHING,
    supportsOAuth: portal?.supportsOAuth === true,
  }));
}

const LOGO_PATH = /^\/portal\/providers\/([a-z0-9][a-z0-9-]{0,62})\/logo\.svg$/;

/**
 * `GET /portal/providers/<name>/logo.svg`: a provider's logo as `image/svg+xml` under a policy that lets the
 * markup draw and nothing else (no script, no fetch, inline styles only), never sniffed as another type.
 * 404 for a provider that is not installed or has no logo.
 */
export function providerLogoRoute(providers: readonly DirectoryProviderInfo[]): Middleware {
  const logos = new Map(
    providers.filter((p) => p.logoSvg).map((p) => [p.name, { body: Buffer.from(p.logoSvg!), etag: `"${createHash('sha256').update(p.logoSvg!).digest('base64url').slice(0, 22)}"` }]),
  );
  return async (ctx, next) => {
    const match = LOGO_PATH.exec(ctx.path);
    if (!match) return await next();
    const logo = logos.get(match[1]!);
    ctx.set('X-Content-Type-Options', 'nosniff');
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.set('Allow', 'GET, HEAD');
      ctx.status = 405;
      return;
    }
    if (!logo) {
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body = 'no logo for this provider\n';
      return;
    }
    ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.set('ETag', logo.etag);
    if (ctx.get('if-none-match') === logo.etag) {
      ctx.status = 304;
      return;
    }
    ctx.type = 'image/svg+xml; charset=utf-8';
    ctx.body = logo.body;
  };
}
