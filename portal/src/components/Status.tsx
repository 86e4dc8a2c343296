/** A directory's connection status: a badge, the connecting steps, and problems in plain words with the fix. */
import { STATE_HINTS, STATE_LABELS, STEPS, type Connection, type ConnectionState } from '../connection';
import { Ago } from './time';

export function StatusBadge({ state }: { state: ConnectionState }) {
  return (
    <span className={`badge badge--${state.toLowerCase().replaceAll('_', '-')}`} data-testid="connection-state" data-state={state}>
      {STATE_LABELS[state]}
    </span>
  );
}

const PREVIEW_HINTS: Partial<Record<ConnectionState, string>> = {
  FIRST_USER: 'The first user arrived and is stored in preview: no seat, card or e-mail until you go live.',
  SYNCING: 'Your provider is sending its cycle; the preview below shows what going live would do.',
};

/** Whether the connection got past a step: its time is known, or a later state is reached. */
function reached(step: ConnectionState, connection: Connection): boolean {
  switch (step) {
    case 'WAITING_FOR_FIRST_REQUEST':
      return connection.lastRequestAt !== null;
    case 'TEST_CONNECTION_SEEN':
      return connection.testConnectionAt !== null || connection.firstUserAt !== null;
    case 'FIRST_USER':
      return connection.firstUserAt !== null;
    default:
      return connection.state === 'SYNCING';
  }
}

export function ConnectionPanel({ connection, preview = false }: { connection: Connection; preview?: boolean }) {
  const { state, problems } = connection;
  return (
    <section className="panel connection" aria-labelledby="connection-title">
      <h2 id="connection-title">Connection status</h2>
      <div role="status" aria-live="polite" aria-atomic="true" className="connection__now">
        <StatusBadge state={state} />
        <p>{(preview && PREVIEW_HINTS[state]) || STATE_HINTS[state]}</p>
      </div>
      <ol className="steps-progress">
        {STEPS.map((step) => {
          const current = step === state;
          const done = !current && reached(step, connection);
          return (
            <li key={step} className={current ? 'current' : done ? 'done' : ''} aria-current={current ? 'step' : undefined}>
              <span className="steps-progress__dot" aria-hidden="true" />
              {STATE_LABELS[step]}
              <span className="visually-hidden">{current ? ' (now)' : done ? ' (done)' : ' (not yet)'}</span>
            </li>
          );
        })}
      </ol>
      {problems.length > 0 && (
        <ul className="problems" aria-label="Problems">
          {problems.map((problem) => (
            <li key={problem.code} className={`problem problem--${problem.severity.toLowerCase()}`} data-testid="connection-problem" data-code={problem.code}>
              <p className="problem__message">
                <span className="visually-hidden">{problem.severity === 'ERROR' ? 'Error: ' : 'Warning: '}</span>
                {problem.message}
              </p>
              <p className="problem__fix">
                <strong>Fix: </strong>
                {problem.fix}
              </p>
              {(problem.count > 0 || problem.detail) && (
                <p className="problem__seen muted">
                  {problem.count > 0 && (
                    <>
                      {problem.count === 1 ? '1 request' : `${problem.count} requests`} in the last 24 hours, last <Ago iso={problem.lastSeenAt} />.{' '}
                    </>
                  )}
                  {problem.detail && <>Server’s answer: {problem.detail}</>}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
