/**
 * Internal to the admin portal: `GET /portal/auth/microsoft` starts Sign in with Microsoft (state, nonce and PKCE
 * verifier kept in a database row named by a short-lived cookie of this browser), and
 * `GET /portal/auth/microsoft/callback` finishes it: the code is exchanged, the ID token checked, the account
 * bound to a user by the claims rules, and an admin or owner gets a portal session.
 */
import type { Context } from 'koa';
import { AuthorizationResponseError } from 'openid-client';
import { cookieValue, portalLifetime } from '../auth/portal-session.js';
import { PortalMicrosoftSignIn, type MicrosoftRefusal } from '../auth/portal-microsoft.js';
import { DEFAULT_PORTAL_INTENT, isPortalIntent, openMicrosoftSession, saveSignInAttempt, takeSignInAttempt } from '../domain/portal-access/index.js';
import type { HostDeps } from '../host/host-deps.js';
import { cookieHeader, noStore, onlyRead, setSessionCookie } from './portal-http.js';
import { sendPortalPage } from './portal-pages.js';
import { landingPath } from './session.routes.js';

/** The cookie naming the sign-in in progress; only sent to the callback. */
const ATTEMPT_COOKIE = 'cardbridge_portal_sign_in';
const ATTEMPT_PATH = '/portal/auth/microsoft';
/** How long a person has to sign in at Microsoft. */
const ATTEMPT_SECONDS = 600;

const REFUSALS: Record<MicrosoftRefusal, string[]> = {
  'tenant-not-enabled': [
    'Your Microsoft organization is not connected to cardbridge with Sign in with Microsoft turned on.',
    'Ask an owner of your cardbridge organization to connect your Entra tenant and turn on Sign in with Microsoft, or ask an administrator for a portal link.',
  ],
  'no-user': [
    'Your Microsoft account does not match a user of your cardbridge organization.',
    'Only people your directory provisioned to cardbridge can sign in. Ask your administrator for a portal link.',
  ],
  role: ['Only admins and owners can open the admin portal.', 'Ask an owner of your cardbridge organization to make you an admin, or to send you a portal link.'],
};

export interface MicrosoftRoutes {
  start(ctx: Context): Promise<void>;
  callback(ctx: Context): Promise<void>;
}

export function microsoftRoutes(deps: Pick<HostDeps, 'pool' | 'config' | 'log'>): MicrosoftRoutes {
  const signIn = new PortalMicrosoftSignIn(deps.config);
  const notSetUp = (ctx: Context) =>
    sendPortalPage(ctx, 404, 'Sign in with Microsoft is not set up', [
      'This cardbridge server does not offer Sign in with Microsoft for the admin portal.',
      'Ask your administrator for a portal link instead.',
    ]);
  const unreachable = (ctx: Context, error: unknown) => {
    deps.log.warn({ err: error }, 'portal: Microsoft sign-in provider could not be used');
    return sendPortalPage(ctx, 503, 'Microsoft could not be reached', ['cardbridge could not reach Microsoft to sign you in.', 'Try again in a minute.']);
  };
  return {
    async start(ctx) {
      noStore(ctx);
      if (!onlyRead(ctx)) return;
      if (!signIn.enabled) return notSetUp(ctx);
      const asked = ctx.query.intent;
      const intent = isPortalIntent(asked) ? asked : DEFAULT_PORTAL_INTENT;
      let started;
      try {
        started = await signIn.start();
      } catch (error) {
        return unreachable(ctx, error);
      }
      const id = await saveSignInAttempt(deps.pool, { state: started.state, nonce: started.nonce, codeVerifier: started.codeVerifier, intent }, ATTEMPT_SECONDS);
      ctx.append('Set-Cookie', cookieHeader(deps.config, ATTEMPT_COOKIE, id, { maxAgeSeconds: ATTEMPT_SECONDS, path: ATTEMPT_PATH }));
      ctx.status = 303;
      ctx.redirect(started.url.href);
    },

    async callback(ctx) {
      noStore(ctx);
      if (!onlyRead(ctx)) return;
      if (!signIn.enabled) return notSetUp(ctx);
      ctx.append('Set-Cookie', cookieHeader(deps.config, ATTEMPT_COOKIE, '', { maxAgeSeconds: 0, path: ATTEMPT_PATH }));
      const id = cookieValue(ctx.get('cookie') || undefined, ATTEMPT_COOKIE);
      const attempt = id ? await takeSignInAttempt(deps.pool, id) : null;
      if (!attempt) {
        return sendPortalPage(ctx, 400, 'Sign-in could not be finished', [
          'This sign-in was started in another browser, took longer than ten minutes, or was already finished.',
          'Start again from the admin portal’s Sign in with Microsoft button.',
        ]);
      }
      let claims;
      try {
        claims = await signIn.finish(ctx.querystring, attempt);
      } catch (error) {
        if (error instanceof AuthorizationResponseError) {
          return sendPortalPage(ctx, 400, 'Microsoft did not sign you in', [`Microsoft answered: ${error.error_description ?? error.error}.`, 'Start again, or ask your administrator for a portal link.']);
        }
        if (error instanceof TypeError || (error as { code?: string }).code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') return unreachable(ctx, error);
        deps.log.warn({ err: error }, 'portal: Microsoft sign-in refused');
        return sendPortalPage(ctx, 400, 'Sign-in could not be finished', ['Microsoft’s answer could not be verified.', 'Start again from the admin portal’s Sign in with Microsoft button.']);
      }
      const outcome = await signIn.resolve(deps.pool, claims);
      if (!outcome.ok) return sendPortalPage(ctx, 403, 'You cannot open the admin portal', REFUSALS[outcome.reason]);
      const opened = await openMicrosoftSession(deps.pool, { organizationId: outcome.organizationId, userId: outcome.userId, role: outcome.role, intent: attempt.intent }, portalLifetime(deps.config));
      setSessionCookie(ctx, deps.config, opened.token);
      ctx.status = 303;
      ctx.redirect(landingPath(opened.intent));
    },
  };
}
