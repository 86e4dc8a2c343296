/**
 * Preview mode: what going live would do (users, seats against the limit, cards per template, invites), with the
 * seat forecast's warning before the first refusal, and the Go live button.
 */
import { useEffect, useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useMutation, useQuery } from 'urql';
import { SeatForecastNote } from '../../components/SeatForecast';
import { GoLiveMutation, PreviewQuery } from '../../operations';
import { ErrorNote, errorText, Loading } from '../common';

export interface WentLive {
  seatsClaimed: number;
  cardsCreated: number;
  cardsUpdated: number;
  invitesQueued: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function PreviewPanel({
  directoryId,
  changes,
  templates,
  onLive,
}: {
  directoryId: string;
  changes: number;
  templates: { id: string; name: string }[];
  onLive: (result: WentLive) => void;
}) {
  const [{ data, error }, refetch] = useQuery({ query: PreviewQuery, variables: { id: directoryId }, requestPolicy: 'cache-and-network' });
  const [going, goLive] = useMutation(GoLiveMutation);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (changes > 0) refetch({ requestPolicy: 'network-only' });
  }, [changes, refetch]);

  if (error && !data) return <ErrorNote error={error} />;
  const preview = data?.directory?.preview;
  if (!preview) return <Loading what="the preview" />;
  const forecast = preview.seatForecast;
  const exceeded = forecast.status === 'EXCEEDED';
  const templateName = (id: string | null | undefined) => templates.find((t) => t.id === id)?.name ?? 'No template';

  return (
    <section className="panel panel--preview" aria-labelledby="preview-title" data-testid="preview">
      <h2 id="preview-title">Preview mode</h2>
      <p>This directory takes your provider’s whole cycle, but claims no seat, makes no card and sends no e-mail until you go live. Check what it would do, then go live.</p>
      <p className="preview__summary" role="status" aria-live="polite" data-testid="preview-summary">
        Preview: {plural(preview.userCount, 'user')}, {plural(preview.seatsNeeded, 'seat')} needed of {forecast.available} available
      </p>
      <SeatForecastNote forecast={forecast} quietWhenOk={false} />
      <dl className="facts">
        <div>
          <dt>Active users</dt>
          <dd>{preview.activeUserCount}</dd>
        </div>
        <div>
          <dt>Groups</dt>
          <dd>{preview.groupCount}</dd>
        </div>
        <div>
          <dt>Cards to make</dt>
          <dd>
            {preview.cardsToCreate}
            {preview.suspendedCards > 0 && <span className="muted"> ({preview.suspendedCards} hidden)</span>}
          </dd>
        </div>
        <div>
          <dt>Invites to send</dt>
          <dd>{preview.invitesToSend}</dd>
        </div>
        {preview.seatsNeededElsewhere > 0 && (
          <div>
            <dt>Seats in other organizations</dt>
            <dd>{preview.seatsNeededElsewhere}</dd>
          </div>
        )}
      </dl>
      {preview.templates.length > 0 && (
        <p className="muted">
          Card templates:{' '}
          {preview.templates.map((t, i) => (
            <span key={t.templateId ?? 'none'}>
              {i > 0 && ', '}
              {templateName(t.templateId)} ({plural(t.users, 'card')})
            </span>
          ))}
        </p>
      )}
      {preview.users.edges.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Users going live would provision</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Card template</th>
                <th scope="col">Going live</th>
              </tr>
            </thead>
            <tbody>
              {preview.users.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>
                    <span className="user-row__name">{node.displayName ?? node.userName}</span>
                    <br />
                    <span className="muted">{node.userName}</span>
                  </td>
                  <td>{node.template?.name ?? 'No template'}</td>
                  <td>
                    {[node.needsSeat && 'seat', node.createsCard && (node.cardStatus === 'SUSPENDED' ? 'hidden card' : 'card'), node.sendsInvite && 'invite']
                      .filter(Boolean)
                      .join(', ') || 'nothing'}
                    {!node.active && <span className="badge badge--quiet">deactivated</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.users.totalCount > preview.users.edges.length && <p className="muted">and {preview.users.totalCount - preview.users.edges.length} more.</p>}
        </div>
      )}
      <DialogTrigger>
        <Button className="button button--primary" isDisabled={exceeded || preview.userCount === 0}>
          Go live
        </Button>
        <ModalOverlay className="modal-overlay" isDismissable>
          <Modal className="modal">
            <Dialog className="dialog">
              {({ close }) => (
                <>
                  <Heading slot="title">Go live with this directory?</Heading>
                  <p>
                    Going live claims {plural(preview.seatsNeeded, 'seat')}, makes {plural(preview.cardsToCreate, 'card')} and sends{' '}
                    {plural(preview.invitesToSend, 'invite e-mail')}. From then on, the provider’s changes apply at once.
                  </p>
                  <SeatForecastNote forecast={forecast} />
                  {failure && (
                    <p className="note note--error" role="alert">
                      {failure}
                    </p>
                  )}
                  <div className="form__actions">
                    <Button
                      className="button button--primary"
                      isDisabled={going.fetching}
                      onPress={async () => {
                        setFailure(null);
                        const result = await goLive({ id: directoryId });
                        if (result.error) return setFailure(errorText(result.error));
                        close();
                        onLive(result.data!.goLiveDirectory);
                      }}
                    >
                      {going.fetching ? 'Going live…' : 'Go live now'}
                    </Button>
                    <Button className="button button--quiet" onPress={close}>
                      Cancel
                    </Button>
                  </div>
                </>
              )}
            </Dialog>
          </Modal>
        </ModalOverlay>
      </DialogTrigger>
      {exceeded && <p className="muted">Add seats to your licence or unassign users in the provider, then go live.</p>}
    </section>
  );
}
