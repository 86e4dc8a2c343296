import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { HostDeps } from '../host/host-deps.js';
import { acceptInvite, findInvite } from '../domain/cards/invites.service.js';
import { invitePage, unknownInvitePage } from './invite-pages.js';

/**
 * `GET /invites/:token` shows the invite and an accept button; `POST /invites/:token` accepts it (idempotent)
 * and redirects back to the GET (post/redirect/get), which then shows the confirmation. An unknown token is a
 * 404 page on both.
 */
export async function inviteRoutes(deps: HostDeps): Promise<Middleware[]> {
  const router = new Router();
  router.get('/invites/:token', async (ctx) => {
    const invite = await findInvite(deps.pool, ctx.params.token!);
    respond(ctx, invite ? 200 : 404, invite ? invitePage(invite, deps.config.publicUrl) : unknownInvitePage());
  });
  router.post('/invites/:token', async (ctx) => {
    const invite = await acceptInvite(deps.pool, ctx.params.token!);
    if (!invite) return respond(ctx, 404, unknownInvitePage());
    ctx.state.log?.info({ userId: invite.userId }, 'invite accepted');
    ctx.status = 303;
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(ctx.path);
  });
  return [router.routes(), router.allowedMethods()] as Middleware[];
}

function respond(ctx: Context, status: number, html: string): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  // The token in the URL is the credential: never cache the page, never send it on as a Referer.
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Robots-Tag', 'noindex');
  ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
  ctx.body = html;
}
