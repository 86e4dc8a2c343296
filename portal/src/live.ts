/** Live provisioning events over graphql-ws: each one arrives as it is recorded, and the page refreshes its counts. */
import { useEffect, useRef, useState } from 'react';
import { useSubscription } from 'urql';
import type { EventFieldsFragment, ProvisioningEventFilterInput } from './gql/graphql';
import { LiveLogSubscription } from './operations';

/** Events matching `filter` (all of the organization's without) since the page opened, newest first (at most 200). */
export function useLiveEvents(filter: ProvisioningEventFilterInput | null, onEvent: () => void): { events: EventFieldsFragment[]; connected: boolean } {
  const [result] = useSubscription<{ provisioningEvents: EventFieldsFragment }, EventFieldsFragment[]>(
    { query: LiveLogSubscription, variables: { filter } },
    (previous = [], data) => [data.provisioningEvents, ...previous.filter((e) => e.id !== data.provisioningEvents.id)].slice(0, 200),
  );
  const refresh = useThrottled(onEvent, 750);
  const count = result.data?.length ?? 0;
  useEffect(() => {
    if (count > 0) refresh();
  }, [count, refresh]);
  const [connected, setConnected] = useState(false);
  useEffect(() => setConnected(!result.error && !result.stale), [result.error, result.stale]);
  return { events: result.data ?? [], connected };
}

/** Calls `fn` at most once per `ms`, and once more after a burst. */
function useThrottled(fn: () => void, ms: number): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const state = useRef<{ last: number; timer: ReturnType<typeof setTimeout> | undefined }>({ last: 0, timer: undefined });
  const [throttled] = useState(() => () => {
    const s = state.current;
    if (s.timer) return;
    const wait = Math.max(0, s.last + ms - Date.now());
    s.timer = setTimeout(() => {
      s.timer = undefined;
      s.last = Date.now();
      latest.current();
    }, wait);
  });
  useEffect(() => () => clearTimeout(state.current.timer), []);
  return throttled;
}
