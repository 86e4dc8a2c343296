/** One directory: its status and seats, setup steps, provisioning log (live), settings, group rules and token. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useQuery } from 'urql';
import type { RevealedToken } from '../App';
import { PageHeading } from '../components/PageHeading';
import { ProviderLogo } from '../components/ProviderLogo';
import { Seats } from '../components/Seats';
import { SeatForecastNote } from '../components/SeatForecast';
import { ConnectionPanel, StatusBadge } from '../components/Status';
import { Ago } from '../components/time';
import { useLiveEvents } from '../live';
import { DirectoryQuery } from '../operations';
import { href, navigate } from '../router';
import { ErrorNote, Loading } from './common';
import { GroupRules } from './detail/GroupRules';
import { PreviewPanel, type WentLive } from './detail/PreviewPanel';
import { ProvisioningLog } from './detail/ProvisioningLog';
import { RecentUsers } from './detail/RecentUsers';
import { SettingsForm } from './detail/SettingsForm';
import { SetupSteps } from './detail/SetupSteps';
import { TokenRotation } from './detail/TokenRotation';

const TABS = ['setup', 'log', 'settings', 'groups', 'token'] as const;
type TabKey = (typeof TABS)[number];

export function DirectoryDetail({
  id,
  tab,
  revealed,
  onRevealed,
}: {
  id: string;
  tab?: string;
  revealed: RevealedToken | null;
  onRevealed: (token: RevealedToken | null) => void;
}) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: DirectoryQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const filter = useMemo(() => ({ directoryId: id }), [id]);
  const live = useLiveEvents(filter, refresh);
  const [wentLive, setWentLive] = useState<WentLive | null>(null);
  // Refused requests (a wrong token, a wrong URL) are counted, not streamed as events: look again every few seconds
  // while the directory waits for its provider or has a problem, and now and then otherwise.
  const state = data?.directory?.connection.state;
  useEffect(() => {
    if (!state) return;
    const timer = setInterval(refresh, state === 'WAITING_FOR_FIRST_REQUEST' || state === 'ERROR' || state === 'TEST_CONNECTION_SEEN' ? 5_000 : 30_000);
    return () => clearInterval(timer);
  }, [state, refresh]);

  if (error && !data) return <ErrorNote error={error} />;
  if (!data) return <Loading what="the directory" />;
  const directory = data.directory;
  if (!directory) {
    return (
      <>
        <PageHeading>Directory not found</PageHeading>
        <p>
          There is no such directory in your organization. <a href={href({ name: 'directories' })}>See all directories</a>.
        </p>
      </>
    );
  }
  const connection = directory.connection;
  const current: TabKey = (TABS as readonly string[]).includes(tab ?? '') ? (tab as TabKey) : directory.userCount === 0 ? 'setup' : 'log';

  return (
    <>
      <p className="breadcrumb">
        <a href={href({ name: 'directories' })}>Directory Sync</a> <span aria-hidden="true">›</span> {directory.name}
      </p>
      <PageHeading focusKey={id}>
        <span className="heading-with-logo">
          <ProviderLogo url={directory.providerDetails?.logoUrl} size={36} />
          {directory.name}
          <StatusBadge state={connection.state} />
          {directory.mode === 'PREVIEW' && <span className="badge badge--preview">Preview</span>}
        </span>
      </PageHeading>
      <dl className="facts facts--wide">
        <div>
          <dt>Provider</dt>
          <dd>{directory.providerDetails?.displayName ?? directory.provider}</dd>
        </div>
        <div>
          <dt>Last request</dt>
          <dd data-testid="last-request">
            <Ago iso={connection.lastRequestAt} />
          </dd>
        </div>
        <div>
          <dt>Last sync</dt>
          <dd data-testid="last-sync">
            <Ago iso={connection.lastSyncAt} />
          </dd>
        </div>
        <div>
          <dt>Users</dt>
          <dd data-testid="user-count">{directory.userCount}</dd>
        </div>
        <div>
          <dt>Groups</dt>
          <dd>{directory.groupCount}</dd>
        </div>
      </dl>
      {revealed?.settingsProblem && (
        <div className="note note--error" role="alert">
          The directory was created, but some of its settings were not saved: {revealed.settingsProblem} Change them under Settings.
        </div>
      )}
      <div className="columns">
        <ConnectionPanel connection={connection} preview={directory.mode === 'PREVIEW'} />
        <section className="panel" aria-label="Seats">
          <Seats seats={data.organization.seats} label="Seats of the licence" />
          {directory.mode !== 'PREVIEW' && <SeatForecastNote forecast={data.organization.seatForecast} />}
          <p className="muted">Every user of your directories takes one seat; when none are left, new users are refused until seats are added.</p>
        </section>
      </div>
      {directory.mode === 'PREVIEW' && <PreviewPanel directoryId={id} changes={live.events.length} templates={data.templates} onLive={setWentLive} />}
      {wentLive && (
        <p className="note note--ok" role="status" data-testid="went-live">
          The directory is live: {wentLive.seatsClaimed} seats claimed, {wentLive.cardsCreated} cards made
          {wentLive.cardsUpdated > 0 ? `, ${wentLive.cardsUpdated} cards updated` : ''}, {wentLive.invitesQueued} invites queued.
        </p>
      )}
      {directory.mode !== 'PREVIEW' && <RecentUsers directoryId={id} userCount={directory.userCount} />}
      <Tabs className="tabs" selectedKey={current} onSelectionChange={(key) => navigate({ name: 'directory', id, tab: String(key) })}>
        <TabList aria-label="Directory" className="tabs__list">
          <Tab id="setup" className="tabs__tab">
            Set up
          </Tab>
          <Tab id="log" className="tabs__tab">
            Provisioning log
          </Tab>
          <Tab id="settings" className="tabs__tab">
            Settings
          </Tab>
          <Tab id="groups" className="tabs__tab">
            Groups
          </Tab>
          <Tab id="token" className="tabs__tab">
            Secret Token
          </Tab>
        </TabList>
        <TabPanel id="setup" className="tabs__panel">
          <SetupSteps directory={directory} revealed={revealed} />
        </TabPanel>
        <TabPanel id="log" className="tabs__panel">
          <ProvisioningLog directoryId={id} />
        </TabPanel>
        <TabPanel id="settings" className="tabs__panel">
          <SettingsForm directory={directory} templates={data.templates} />
        </TabPanel>
        <TabPanel id="groups" className="tabs__panel">
          <GroupRules directoryId={id} templates={data.templates} groupCount={directory.groupCount} />
        </TabPanel>
        <TabPanel id="token" className="tabs__panel">
          <TokenRotation directory={directory} revealed={revealed?.kind === 'rotated' ? revealed : null} onRevealed={onRevealed} />
        </TabPanel>
      </Tabs>
      {fetching && <span className="visually-hidden">Refreshing</span>}
    </>
  );
}
