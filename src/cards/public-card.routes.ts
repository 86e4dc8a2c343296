// Not for partners: the public card pages of issue 4 item 9, mounted by the host after GraphQL.
import type { Context, Middleware } from 'koa';
import type { HostDeps } from '../host/host-deps.js';
import { REVALIDATE, sendRepresentation, sendStatusPage, type Representation } from './public-card.http.js';
import { renderCardPage } from './public-card.page.js';
import { findPublicCard, isCardSlug } from './public-card.query.js';
import { toPublicCard, type PublicCard } from './public-card.view.js';
import { qrPng, qrSvg } from './qr.js';
import { cardVCard, vcardDisposition } from './vcard.js';

type Kind = 'page' | 'vcard' | 'qrSvg' | 'qrPng' | 'photo';

const KINDS: Record<string, Kind> = { '': 'page', '.vcf': 'vcard', '/qr.svg': 'qrSvg', '/qr.png': 'qrPng', '/photo': 'photo' };
const ROUTE = /^\/c\/([^/]+?)(\.vcf|\/qr\.svg|\/qr\.png|\/photo)?$/;

/** The QR code only encodes the card URL, which never changes: an hour of caching is harmless. */
const QR_CACHE = 'public, max-age=3600';

const RENDER: Record<Kind, (card: PublicCard) => Promise<Representation | undefined>> = {
  async page(card) {
    const page = renderCardPage(card, await qrSvg(card.url));
    return { contentType: 'text/html; charset=utf-8', body: page.body, csp: page.csp, cacheControl: REVALIDATE };
  },
  async vcard(card) {
    const headers = { 'Content-Disposition': vcardDisposition(card.name) };
    return { contentType: 'text/vcard; charset=utf-8', body: cardVCard(card), cacheControl: REVALIDATE, headers };
  },
  async qrSvg(card) {
    return { contentType: 'image/svg+xml; charset=utf-8', body: await qrSvg(card.url), cacheControl: QR_CACHE };
  },
  async qrPng(card) {
    return { contentType: 'image/png', body: await qrPng(card.url), cacheControl: QR_CACHE };
  },
  async photo(card) {
    if (!card.photo?.data) return undefined;
    return { contentType: card.photo.contentType, body: card.photo.data, cacheControl: REVALIDATE };
  },
};

/**
 * Mounts `/c/<slug>` (HTML card), `/c/<slug>.vcf` (vCard 4.0), `/c/<slug>/qr.svg|png` (QR of the card URL) and
 * `/c/<slug>/photo` (the stored photo). GET and HEAD; each answer costs at most one indexed query. A suspended card
 * answers 410, an unknown or malformed slug 404, both without any holder data.
 */
export async function publicCardRoutes(deps: HostDeps): Promise<Middleware[]> {
  return [publicCardMiddleware(deps)];
}

function publicCardMiddleware({ pool, config }: Pick<HostDeps, 'pool' | 'config'>): Middleware {
  return async (ctx: Context, next) => {
    if (!ctx.path.startsWith('/c/')) return await next();
    const match = ROUTE.exec(ctx.path);
    if (!match || !isCardSlug(match[1]!)) return sendStatusPage(ctx, 404);
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.set('Allow', 'GET, HEAD');
      ctx.status = 405;
      return;
    }
    const kind = KINDS[match[2] ?? '']!;
    const row = await findPublicCard(pool, match[1]!, kind === 'vcard' || kind === 'photo');
    if (!row) return sendStatusPage(ctx, 404);
    if (row.status !== 'active') return sendStatusPage(ctx, 410);
    const representation = await RENDER[kind](toPublicCard(row, config.publicUrl));
    if (!representation) return sendStatusPage(ctx, 404);
    sendRepresentation(ctx, representation);
  };
}
