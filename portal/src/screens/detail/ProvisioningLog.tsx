/** The provisioning log of a directory: newest first, live, filtered by outcome, users or groups and text. */
import { useEffect, useMemo, useState } from 'react';
import { Button, Disclosure, DisclosurePanel, Heading, Input, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, TextField } from 'react-aria-components';
import { useQuery } from 'urql';
import { exactTime } from '../../components/time';
import type { EventFieldsFragment, EventOutcome, ProvisioningEventFilterInput } from '../../gql/graphql';
import { useLiveEvents } from '../../live';
import { GroupsQuery, LogQuery } from '../../operations';
import { ErrorNote } from '../common';

type OutcomeFilter = 'ALL' | EventOutcome;

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

const VERBS: Record<string, string> = { create: 'Create', replace: 'Replace', patch: 'Update', delete: 'Delete', get: 'Read', list: 'List', search: 'Search' };

/** What a request did, in words: "Create User", "List Users", "Update Group". */
export function describe(event: EventFieldsFragment): string {
  const op = event.operation.replace(/([a-z])([A-Z])/g, '$1 $2').replaceAll('-', ' ');
  const [first = op, ...rest] = op.split(' ');
  const verb = VERBS[first.toLowerCase()] ?? first.charAt(0).toUpperCase() + first.slice(1);
  if (rest.length) return `${verb} ${rest.join(' ')}`;
  const resource = event.resourceType ?? /\/(Users|Groups|Schemas|ResourceTypes|ServiceProviderConfig)\b/.exec(event.request.path)?.[1];
  if (!resource) return verb;
  return `${verb} ${first === 'list' || first === 'search' ? resource.replace(/([^s])$/, '$1s') : resource.replace(/s$/, '')}`;
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

const ALL_GROUPS = '__all__';

/** The text typed, once typing pauses. */
function useSettled(value: string, ms = 400): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function ProvisioningLog({ directoryId }: { directoryId: string }) {
  const [outcome, setOutcome] = useState<OutcomeFilter>('ALL');
  const [groupId, setGroupId] = useState(ALL_GROUPS);
  const [typed, setTyped] = useState('');
  const userName = useSettled(typed.trim());
  const filter = useMemo<ProvisioningEventFilterInput>(
    () => ({ directoryId, ...(outcome === 'ALL' ? {} : { outcome }), ...(groupId === ALL_GROUPS ? {} : { groupId }), ...(userName ? { userName } : {}) }),
    [directoryId, outcome, groupId, userName],
  );
  const [groups] = useQuery({ query: GroupsQuery, variables: { directoryId } });
  const [{ data, error, fetching }] = useQuery({ query: LogQuery, variables: { filter, first: 50 }, requestPolicy: 'cache-and-network' });
  const live = useLiveEvents(filter, () => undefined);
  const page = data?.provisioningEvents;
  const events = useMemo(() => {
    const seen = new Set<string>();
    const all: EventFieldsFragment[] = [];
    for (const event of [...live.events, ...(page?.edges.map((e) => e.node) ?? [])]) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      all.push(event);
    }
    return all.sort((a, b) => Number(b.id) - Number(a.id));
  }, [live.events, page]);
  const filtered = outcome !== 'ALL' || groupId !== ALL_GROUPS || userName !== '';

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
          label="Group"
          value={groupId}
          onChange={setGroupId}
          options={[[ALL_GROUPS, 'All groups'], ...(groups.data?.groups.edges.map(({ node }) => [node.id, node.displayName] as [string, string]) ?? [])]}
        />
        <TextField className="field field--inline field--grow" value={typed} onChange={setTyped}>
          <Label>User (userName)</Label>
          <Input type="search" placeholder="e.g. ada@example.com" spellCheck={false} />
        </TextField>
      </div>
      {error && <ErrorNote error={error} />}
      <p className="visually-hidden" role="status" aria-live="polite">
        {live.events.length > 0 ? `${live.events.length} new ${live.events.length === 1 ? 'request' : 'requests'} since you opened this page.` : ''}
      </p>
      {events.length === 0 ? (
        <p className="panel empty">
          {fetching ? 'Loading the log…' : filtered ? 'No request matches the filter.' : 'No requests yet. They appear here as your provider sends them.'}
        </p>
      ) : (
        <ol className="log" data-testid="provisioning-log">
          {events.map((event) => (
            <li key={event.id}>
              <EventRow event={event} />
            </li>
          ))}
        </ol>
      )}
      {page?.pageInfo.hasNextPage && page.pageInfo.endCursor && <OlderPage filter={filter} after={page.pageInfo.endCursor} />}
    </section>
  );
}

/** Older events, one page at a time, each behind a button. */
function OlderPage({ filter, after }: { filter: ProvisioningEventFilterInput; after: string }) {
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
        {page.edges.map(({ node }) => (
          <li key={node.id}>
            <EventRow event={node} />
          </li>
        ))}
      </ol>
      {page.pageInfo.hasNextPage && page.pageInfo.endCursor && <OlderPage filter={filter} after={page.pageInfo.endCursor} />}
    </>
  );
}

function EventRow({ event }: { event: EventFieldsFragment }) {
  const failed = event.outcome === 'FAILURE';
  const { request, response } = event;
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
        <p className="event__summary">{response.summary}</p>
        <dl className="event__details">
          <dt>Request</dt>
          <dd>
            <code>
              {request.method} {request.path}
            </code>
          </dd>
          <dt>Answer</dt>
          <dd>
            {response.status} {response.outcome === 'FAILURE' ? 'failure' : 'success'}
            {response.scimType ? ` (${response.scimType})` : ''} in {event.durationMs.toFixed(1)} ms
          </dd>
          {response.detail && (
            <>
              <dt>Detail</dt>
              <dd>{response.detail}</dd>
            </>
          )}
          {request.resourceType && (
            <>
              <dt>{request.resourceType}</dt>
              <dd>
                <code>{request.resourceId ?? '—'}</code>
              </dd>
            </>
          )}
          <dt>When</dt>
          <dd>{exactTime(event.occurredAt)}</dd>
          {request.requestId && (
            <>
              <dt>Request id</dt>
              <dd>
                <code>{request.requestId}</code>
              </dd>
            </>
          )}
        </dl>
      </DisclosurePanel>
    </Disclosure>
  );
}
