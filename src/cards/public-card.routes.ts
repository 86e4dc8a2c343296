// PLACEHOLDER: public card pages (issue 4) replace this module; it must keep exporting publicCardRoutes.
import type { Middleware } from 'koa';
import type { HostDeps } from '../http/host-deps.js';

/** Mounts `/c/<slug>`, `/c/<slug>.vcf`, `/c/<slug>/qr.svg|png`, `/c/<slug>/photo`. */
export async function publicCardRoutes(_deps: HostDeps): Promise<Middleware[]> {
  return [];
}
