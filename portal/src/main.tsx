/** The admin portal (issue 13): reads the session, then renders the app with a GraphQL client bound to it. */
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, SignedOut } from './App';
import { loadSession, SessionError } from './session';

const root = createRoot(document.getElementById('root')!);

loadSession().then(
  (session) =>
    root.render(
      <StrictMode>
        <App session={session} />
      </StrictMode>,
    ),
  (error: unknown) => root.render(<SignedOut reason={error instanceof SessionError ? error : new SessionError(String(error), 'unreachable')} />),
);
