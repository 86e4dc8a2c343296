/**
 * Internal: the live provisioning log with the log query's filter. The feed reads each organization's new events once
 * and hands every subscriber all of them (of its directory); each subscription keeps the events its filter accepts.
 */
import { authorize } from '../../auth/permissions.js';
import { DomainError } from '../../domain/errors.js';
import { subjectMatcher, type EventSubjectFilter } from '../../domain/provisioning-log/event-filters.js';
import type { ProvisioningEventView } from '../../domain/provisioning-log/provisioning-events.queries.js';
import type { GraphQLContext } from '../context.js';

export interface LiveLogFilter extends EventSubjectFilter {
  directoryId?: string | null;
  outcome?: string | null;
  since?: Date | null;
  until?: Date | null;
}

/**
 * An iterator over `source` that yields only what `accept` accepts. `return` ends the source at once (a consumer
 * that unsubscribes while no event arrives does not leave the feed's subscriber behind).
 */
function filtered<T>(source: AsyncIterableIterator<T>, accept: (value: T) => boolean | Promise<boolean>): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      for (;;) {
        const step = await source.next();
        if (step.done || (await accept(step.value))) return step;
      }
    },
    async return(value?: unknown) {
      await source.return?.(value);
      return { done: true, value: undefined as never };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/** Subscribes the caller to its organization's live log, narrowed by `filter` (and the older `directoryId` argument). */
export async function subscribeToLiveLog(ctx: GraphQLContext, directoryId: string | null | undefined, filter: LiveLogFilter | null | undefined): Promise<AsyncIterableIterator<ProvisioningEventView>> {
  const viewer = authorize(ctx.viewer, 'event:read');
  if (!ctx.feed) throw new DomainError('UNAVAILABLE', 'live events are served over WebSocket (graphql-ws) on /graphql');
  const f: LiveLogFilter = { ...filter };
  if (directoryId && f.directoryId && directoryId !== f.directoryId) throw new DomainError('INVALID_INPUT', 'directoryId and filter.directoryId name different directories', { field: 'filter.directoryId' });
  const subject = subjectMatcher(ctx.db, viewer.organizationId, f);
  const since = f.since?.getTime();
  const until = f.until?.getTime();
  const source = await ctx.feed.subscribe(viewer.organizationId, (directoryId ?? f.directoryId) || undefined);
  return filtered(source, (event) => {
    if (f.outcome && event.outcome !== f.outcome) return false;
    if (since !== undefined && event.occurredAt.getTime() < since) return false;
    if (until !== undefined && event.occurredAt.getTime() >= until) return false;
    return subject(event);
  });
}
