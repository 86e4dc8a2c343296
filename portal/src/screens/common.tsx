/** Loading and error notes shared by the pages. */
import type { CombinedError } from 'urql';

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

/** A GraphQL error in the words the server gave (its messages name what to change). */
export function errorText(error: CombinedError): string {
  if (error.networkError) return 'cardbridge could not be reached. Check your connection and try again.';
  return error.graphQLErrors.map((e) => e.message).join(' ') || error.message;
}

export function ErrorNote({ error }: { error: CombinedError }) {
  return (
    <div className="note note--error" role="alert">
      {errorText(error)}
    </div>
  );
}
