/** Directory Sync: the organization's directories with their connection status, last sync and seats. */
import { useCallback, useEffect } from 'react';
import { useQuery } from 'urql';
import { Ago } from '../components/time';
import { PageHeading } from '../components/PageHeading';
import { ProviderLogo } from '../components/ProviderLogo';
import { Seats } from '../components/Seats';
import { SeatForecastNote } from '../components/SeatForecast';
import { StatusBadge } from '../components/Status';
import { useLiveEvents } from '../live';
import { HomeQuery } from '../operations';
import { hasNavigated, href, navigate } from '../router';
import { ErrorNote, Loading } from './common';

/** Performance mark set when the directory list first shows its data. */
export const READY_MARK = 'portal:directories-rendered';

/** The directory tab a link's intent opens (card-settings, log); directory-sync stays on this page. */
const INTENT_TABS: Record<string, string> = { 'card-settings': 'settings', log: 'log' };

export function DirectoryList({ intent }: { intent: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: HomeQuery, requestPolicy: 'cache-and-network' });
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  useLiveEvents(null, refresh);
  const ready = data !== undefined;
  const first = data?.directories[0]?.id;
  useEffect(() => {
    // A link opened for card settings or the log goes straight there when the organization has one directory.
    const tab = INTENT_TABS[intent.toLowerCase().replaceAll('_', '-')];
    if (tab && first && data?.directories.length === 1 && !hasNavigated() && !window.location.hash) navigate({ name: 'directory', id: first, tab });
  }, [intent, first, data?.directories.length]);
  useEffect(() => {
    // First meaningful render of the page (the browser test reports navigation start → this mark).
    if (ready && performance.getEntriesByName(READY_MARK).length === 0) performance.mark(READY_MARK);
  }, [ready]);
  return (
    <>
      <PageHeading>Directory Sync</PageHeading>
      <p className="lead">Your identity provider sends the people who get a card to cardbridge over SCIM. Each provisioned person takes a seat.</p>
      {error && <ErrorNote error={error} />}
      {!data && fetching && <Loading what="directories" />}
      {data && (
        <>
          <section className="panel" aria-label="Seats">
            <Seats seats={data.organization.seats} label="Seats of the licence" />
            <SeatForecastNote forecast={data.organization.seatForecast} />
          </section>
          <div className="section-head">
            <h2>Directories</h2>
            <a className="button button--primary" href={href({ name: 'connect' })}>
              Connect a directory
            </a>
          </div>
          {data.directories.length === 0 ? (
            <div className="panel empty">
              <p>No directory is connected yet.</p>
              <p>Connect Microsoft Entra ID or another provider in a few steps: you will paste two values into your provider and watch the first users arrive here.</p>
            </div>
          ) : (
            <ul className="directory-list" data-testid="directory-list">
              {data.directories.map((directory) => {
                const connection = directory.connection;
                return (
                  <li key={directory.id} className="directory-card">
                    <ProviderLogo url={directory.providerDetails?.logoUrl} />
                    <div className="directory-card__main">
                      <h3>
                        <a href={href({ name: 'directory', id: directory.id })}>{directory.name}</a>
                      </h3>
                      <p className="muted">
                        {directory.providerDetails?.displayName ?? directory.provider}
                        {directory.mode === 'PREVIEW' && <span className="badge badge--preview">Preview</span>}
                      </p>
                    </div>
                    <dl className="facts">
                      <div>
                        <dt>Status</dt>
                        <dd>
                          <StatusBadge state={connection.state} />
                        </dd>
                      </div>
                      <div>
                        <dt>Last request</dt>
                        <dd>
                          <Ago iso={connection.lastRequestAt} />
                        </dd>
                      </div>
                      <div>
                        <dt>Last sync</dt>
                        <dd>
                          <Ago iso={connection.lastSyncAt} />
                        </dd>
                      </div>
                      <div>
                        <dt>Users</dt>
                        <dd>{directory.userCount}</dd>
                      </div>
                      <div>
                        <dt>Groups</dt>
                        <dd>{directory.groupCount}</dd>
                      </div>
                    </dl>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </>
  );
}
