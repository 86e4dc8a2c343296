/** The portal's frame: the session bar, navigation and the page of the current route. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { Provider as UrqlProvider } from 'urql';
import { createPortalClient } from './client';
import { href, useRoute, type Route } from './router';
import { Loading } from './screens/common';
import { DirectoryList } from './screens/DirectoryList';
import { signOut, type PortalSession, type SessionError } from './session';

// The first page an admin sees is the directory list; the other pages load when they are opened.
const ProviderPicker = lazy(() => import('./screens/ConnectDirectory').then((m) => ({ default: m.ProviderPicker })));
const ConnectDirectory = lazy(() => import('./screens/ConnectDirectory').then((m) => ({ default: m.ConnectDirectory })));
const DirectoryDetail = lazy(() => import('./screens/DirectoryDetail').then((m) => ({ default: m.DirectoryDetail })));

/** A Secret Token just issued (creation or rotation): kept in memory only, shown once. */
export interface RevealedToken {
  directoryId: string;
  tenantUrl: string;
  secretToken: string;
  kind: 'created' | 'rotated';
  overlapSeconds?: number;
  /** Settings chosen with the directory that the server refused (the directory itself was created). */
  settingsProblem?: string;
}

const ROLE_LABELS: Record<string, string> = { OWNER: 'Owner', ADMIN: 'Admin', EDITOR: 'Editor', VIEWER: 'Viewer', MEMBER: 'Member' };

export function App({ session }: { session: PortalSession }) {
  const [ended, setEnded] = useState(false);
  const onEnded = useCallback(() => setEnded(true), []);
  const client = useMemo(() => createPortalClient(session, onEnded), [session, onEnded]);
  const route = useRoute();
  const [revealed, setRevealed] = useState<RevealedToken | null>(null);

  if (ended) return <SignedOut reason={{ kind: 'none', message: 'Your portal session has ended.' }} />;
  return (
    <UrqlProvider value={client}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SessionBar session={session} onSignedOut={onEnded} />
      <div className="layout">
        <nav className="nav" aria-label="Portal">
          <NavLink route={{ name: 'directories' }} current={route.name === 'directories' || route.name === 'directory'}>
            Directory Sync
          </NavLink>
          <NavLink route={{ name: 'connect' }} current={route.name === 'connect' || route.name === 'configure'}>
            Connect a directory
          </NavLink>
        </nav>
        <main id="main" className="main" tabIndex={-1}>
          <Suspense fallback={<Loading what="the page" />}>
            <Page route={route} intent={session.intent} revealed={revealed} onRevealed={setRevealed} />
          </Suspense>
        </main>
      </div>
    </UrqlProvider>
  );
}

function Page({ route, intent, revealed, onRevealed }: { route: Route; intent: string; revealed: RevealedToken | null; onRevealed: (token: RevealedToken | null) => void }) {
  switch (route.name) {
    case 'directories':
      return <DirectoryList intent={intent} />;
    case 'connect':
      return <ProviderPicker />;
    case 'configure':
      return <ConnectDirectory provider={route.provider} onCreated={onRevealed} />;
    case 'directory':
      return <DirectoryDetail id={route.id} tab={route.tab} revealed={revealed?.directoryId === route.id ? revealed : null} onRevealed={onRevealed} />;
  }
}

function NavLink({ route, current, children }: { route: Route; current: boolean; children: string }) {
  return (
    <a href={href(route)} className={`nav__link${current ? ' nav__link--current' : ''}`} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

function SessionBar({ session, onSignedOut }: { session: PortalSession; onSignedOut: () => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <header className="session-bar">
      <div className="session-bar__brand">
        <span className="session-bar__logo" aria-hidden="true" />
        <span>
          <span className="session-bar__product">cardbridge admin portal</span>
          <span className="session-bar__org" data-testid="org-name">
            {session.organization.name}
          </span>
        </span>
      </div>
      <div className="session-bar__actions">
        <span className="badge badge--role">{ROLE_LABELS[session.role.toUpperCase()] ?? session.role}</span>
        {session.returnUrl && (
          <a className="button button--primary" href={session.returnUrl}>
            Done
          </a>
        )}
        <Button
          className="button button--quiet"
          isDisabled={busy}
          onPress={async () => {
            setBusy(true);
            await signOut(session).catch(() => undefined);
            onSignedOut();
          }}
        >
          Sign out
        </Button>
      </div>
    </header>
  );
}

export function SignedOut({ reason }: { reason: Pick<SessionError, 'kind' | 'message'> }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main className="signed-out" id="main">
      <div className="panel">
        <h1 ref={heading} tabIndex={-1}>
          {reason.kind === 'none' ? 'Open the admin portal with a link' : 'The admin portal could not load'}
        </h1>
        <p>{reason.message}</p>
        {reason.kind === 'none' && (
          <>
            <p>Ask an administrator of your cardbridge organization for a new portal link: links work once and expire after a few minutes.</p>
            <p>
              <a className="button button--primary" href="/portal/auth/microsoft">
                Sign in with Microsoft
              </a>
            </p>
          </>
        )}
      </div>
    </main>
  );
}
