/** The provisioning log of a directory: newest first, live, filtered by outcome, users or groups and text. */
import { useMemo, useState } from 'react';
import { Button, Disclosure, DisclosurePanel, Heading, Input, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, TextField } from 'react-aria-components';
import { useQuery } from 'urql';
import { exactTime } from '../../components/time';
import type { EventFieldsFragment, EventOutcome } from '../../gql/graphql';
import { LogQuery } from '../../operations';
import { ErrorNote } from '../common';

type OutcomeFilter = 'ALL' | EventOutcome;
type KindFilter = 'ALL' | 'User' | 'Group';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

const VERBS: Record<string, string> = { create: 'Create', replace: 'Replace', patch: 'Update', delete: 'Delete', get: 'Read', list: 'List', search: 'Search' };

/** What a request did, in words: "Create User", "List Users", "Update Group". */
export function describe(event: EventFieldsFragment): string {
  const op = event.operation.replace(/([a-z])([A-Z])/g, '$1 $2').replaceAll('-', ' ');
  const [first = op, ...rest] = op.split(' ');
  const verb = VERBS[first.toLowerCase()] ?? first.charAt(0).toUpperCase() + first.slice(1);
  if (rest.length) return `${verb} ${rest.join(' ')}`;
  const resource = event.resourceType ?? /\/(Users|Groups|Schemas|ResourceTypes|ServiceProviderConfig)\b/.exec(event.path)?.[1];
  if (!resource) return verb;
  return `${verb} ${first === 'list' || first === 'search' ? resource.replace(/([^s])$/, '$1s') : resource.replace(/s$/, '')}`;
}

function matches(event: EventFieldsFragment, outcome: OutcomeFilter, kind: KindFilter, text: string): boolean {
  if (outcome !== 'ALL' && event.outcome !== outcome) return false;
  if (kind !== 'ALL' && event.resourceType !== kind && !event.path.includes(`/${kind}s`)) return false;
  if (text) {
    const haystack = `${event.path} ${event.resourceId ?? ''} ${event.detail ?? ''} ${event.operation}`.toLowerCase();
    if (!haystack.includes(text.toLowerCase())) return false;
  }
  return true;
}

function FilterSelect<T extends string>({ label, value, onChange, options }: { label: string; value: T; onChange: (v: T) => void; options: [T, string][] }) {
  return (
    <Select className="field field--inline" selectedKey={value} onSelectionChange={(key) => onChange(String(key) as T)}>
      <Label>{label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="popover">
        <ListBox className="listbox">
          {options.map(([id, text]) => (
            <ListBoxItem key={id} id={id} className="listbox__item">
              {text}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

export function ProvisioningLog({ directoryId, live }: { directoryId: string; live: EventFieldsFragment[] }) {
  const [outcome, setOutcome] = useState<OutcomeFilter>('ALL');
  const [kind, setKind] = useState<KindFilter>('ALL');
  const [text, setText] = useState('');
  const filter = { directoryId, ...(outcome === 'ALL' ? {} : { outcome }) };
  const [{ data, error, fetching }] = useQuery({ query: LogQuery, variables: { filter, first: 50 }, requestPolicy: 'cache-and-network' });
  const page = data?.provisioningEvents;
  const keep = (e: EventFieldsFragment) => matches(e, outcome, kind, text.trim());
  const events = useMemo(() => {
    const seen = new Set<string>();
    const all: EventFieldsFragment[] = [];
    for (const event of [...live, ...(page?.edges.map((e) => e.node) ?? [])]) {
      if (seen.has(event.id) || event.directoryId !== directoryId) continue;
      seen.add(event.id);
      all.push(event);
    }
    return all.sort((a, b) => Number(b.id) - Number(a.id));
  }, [live, page, directoryId]);
  const shown = events.filter(keep);

  return (
    <section aria-labelledby="log-title">
      <h2 id="log-title">Provisioning log</h2>
      <p className="muted">Every request your provider makes, as it arrives. Open one to see the request and its answer.</p>
      <div className="filters" role="group" aria-label="Filter the log">
        <FilterSelect
          label="Outcome"
          value={outcome}
          onChange={setOutcome}
          options={[
            ['ALL', 'All outcomes'],
            ['SUCCESS', 'Succeeded'],
            ['FAILURE', 'Failed'],
          ]}
        />
        <FilterSelect
          label="Resource"
          value={kind}
          onChange={setKind}
          options={[
            ['ALL', 'Users and groups'],
            ['User', 'Users'],
            ['Group', 'Groups'],
          ]}
        />
        <TextField className="field field--inline field--grow" value={text} onChange={setText}>
          <Label>User or group</Label>
          <Input type="search" placeholder="Id, path or error text" />
        </TextField>
      </div>
      {error && <ErrorNote error={error} />}
      <p className="visually-hidden" role="status" aria-live="polite">
        {live.length > 0 ? `${live.length} new ${live.length === 1 ? 'request' : 'requests'} since you opened this page.` : ''}
      </p>
      {shown.length === 0 && !page?.pageInfo.hasNextPage ? (
        <p className="panel empty">
          {fetching ? 'Loading the log…' : events.length ? 'No request matches the filter.' : 'No requests yet. They appear here as your provider sends them.'}
        </p>
      ) : (
        <ol className="log" data-testid="provisioning-log">
          {shown.map((event) => (
            <li key={event.id}>
              <EventRow event={event} />
            </li>
          ))}
        </ol>
      )}
      {page?.pageInfo.hasNextPage && page.pageInfo.endCursor && <OlderPage filter={filter} after={page.pageInfo.endCursor} keep={keep} />}
    </section>
  );
}

/** Older events, one page at a time, each behind a button. */
function OlderPage({ filter, after, keep }: { filter: { directoryId: string; outcome?: EventOutcome }; after: string; keep: (e: EventFieldsFragment) => boolean }) {
  const [open, setOpen] = useState(false);
  const [{ data, fetching, error }] = useQuery({ query: LogQuery, variables: { filter, first: 50, after }, pause: !open });
  if (!open || (!data && fetching)) {
    return (
      <Button className="button button--secondary" isDisabled={open} onPress={() => setOpen(true)}>
        {open ? 'Loading…' : 'Show older requests'}
      </Button>
    );
  }
  if (error) return <ErrorNote error={error} />;
  const page = data!.provisioningEvents;
  return (
    <>
      <ol className="log">
        {page.edges
          .map((e) => e.node)
          .filter(keep)
          .map((event) => (
            <li key={event.id}>
              <EventRow event={event} />
            </li>
          ))}
      </ol>
      {page.pageInfo.hasNextPage && page.pageInfo.endCursor && <OlderPage filter={filter} after={page.pageInfo.endCursor} keep={keep} />}
    </>
  );
}

function EventRow({ event }: { event: EventFieldsFragment }) {
  const failed = event.outcome === 'FAILURE';
  return (
    <Disclosure className={`event${failed ? ' event--failure' : ''}`} data-testid="log-event" data-operation={event.operation}>
      <Heading level={3} className="event__heading">
        <Button slot="trigger" className="event__trigger">
          <span className="event__chevron" aria-hidden="true" />
          <time dateTime={event.occurredAt} className="event__time">
            {time.format(new Date(event.occurredAt))}
          </time>
          <span className="event__what">{describe(event)}</span>
          <span className={`badge badge--${failed ? 'error' : 'ok'}`}>
            {event.status} {failed ? 'Failed' : 'OK'}
          </span>
        </Button>
      </Heading>
      <DisclosurePanel className="event__panel">
        <dl className="event__details">
          <dt>Request</dt>
          <dd>
            <code>
              {event.method} {event.path}
            </code>
          </dd>
          <dt>Answer</dt>
          <dd>
            {event.status} {failed ? 'failure' : 'success'}
            {event.scimType ? ` (${event.scimType})` : ''} in {event.durationMs.toFixed(1)} ms
          </dd>
          {event.detail && (
            <>
              <dt>Detail</dt>
              <dd>{event.detail}</dd>
            </>
          )}
          {event.resourceType && (
            <>
              <dt>{event.resourceType}</dt>
              <dd>
                <code>{event.resourceId ?? '—'}</code>
              </dd>
            </>
          )}
          <dt>When</dt>
          <dd>{exactTime(event.occurredAt)}</dd>
          {event.requestId && (
            <>
              <dt>Request id</dt>
              <dd>
                <code>{event.requestId}</code>
              </dd>
            </>
          )}
        </dl>
      </DisclosurePanel>
    </Disclosure>
  );
}
