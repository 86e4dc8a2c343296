/** A directory's connection status: a badge, the connecting steps, and problems in plain words with the fix. */
import { STATE_HINTS, STATE_LABELS, STEPS, type Connection, type ConnectionState } from '../connection';

export function StatusBadge({ state }: { state: ConnectionState }) {
  return (
    <span className={`badge badge--${state.toLowerCase().replaceAll('_', '-')}`} data-testid="connection-state" data-state={state}>
      {STATE_LABELS[state]}
    </span>
  );
}

export function ConnectionPanel({ connection, title = 'Connection status' }: { connection: Connection; title?: string }) {
  const { state, problems } = connection;
  const at = STEPS.indexOf(state);
  return (
    <section className="panel connection" aria-labelledby="connection-title">
      <h2 id="connection-title">{title}</h2>
      <div role="status" aria-live="polite" aria-atomic="true" className="connection__now">
        <StatusBadge state={state} />
        <p>{STATE_HINTS[state]}</p>
      </div>
      <ol className="steps-progress">
        {STEPS.map((step, i) => {
          const done = at >= 0 ? i < at || (i === at && step === 'SYNCING') : false;
          const current = i === at;
          return (
            <li key={step} className={done ? 'done' : current ? 'current' : ''} aria-current={current ? 'step' : undefined}>
              <span className="steps-progress__dot" aria-hidden="true" />
              {STATE_LABELS[step]}
              <span className="visually-hidden">{done ? ' (done)' : current ? ' (now)' : ' (not yet)'}</span>
            </li>
          );
        })}
      </ol>
      {problems.length > 0 && (
        <ul className="problems" aria-label="Problems">
          {problems.map((problem) => (
            <li key={problem.code} className="problem">
              <p className="problem__message">{problem.message}</p>
              <p className="problem__fix">
                <strong>Fix: </strong>
                {problem.fix}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
