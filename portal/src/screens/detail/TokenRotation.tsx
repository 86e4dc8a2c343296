/** Rotating the Secret Token with an overlap: the new token is shown once, the old one works for the overlap. */
import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Input, Label, Modal, ModalOverlay, NumberField, Text } from 'react-aria-components';
import { useMutation } from 'urql';
import type { RevealedToken } from '../../App';
import { CopyField } from '../../components/CopyField';
import type { PortalDirectoryQuery } from '../../gql/graphql';
import { RotateTokenMutation } from '../../operations';
import { errorText } from '../common';

type Directory = NonNullable<PortalDirectoryQuery['directory']>;

function duration(seconds: number): string {
  if (seconds === 0) return 'at once';
  if (seconds < 120) return `for ${seconds} seconds`;
  if (seconds < 7200) return `for ${Math.round(seconds / 60)} minutes`;
  return `for ${Math.round(seconds / 3600)} hours`;
}

export function TokenRotation({ directory, revealed, onRevealed }: { directory: Directory; revealed: RevealedToken | null; onRevealed: (token: RevealedToken | null) => void }) {
  const [overlapMinutes, setOverlapMinutes] = useState(Math.round(directory.settings.tokenOverlapSeconds / 60));
  const [state, rotate] = useMutation(RotateTokenMutation);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <section aria-labelledby="token-title">
      <h2 id="token-title">Secret Token</h2>
      <p>
        Issue a new Secret Token when the old one may be known to someone else, or was lost. Paste the new token into your provider; the old one keeps working for the overlap you
        choose, so a running cycle can finish.
      </p>
      {revealed && (
        <div className="panel panel--highlight">
          <p className="note note--warning">
            <strong>Copy the new Secret Token now: you won’t see it again.</strong> The previous token works {duration(revealed.overlapSeconds ?? 0)}.
          </p>
          <CopyField label="New Secret Token" value={revealed.secretToken} secret testId="rotated-token" />
        </div>
      )}
      <div className="panel form">
        <NumberField className="field field--narrow" minValue={0} maxValue={10080} value={overlapMinutes} onChange={(v) => setOverlapMinutes(Number.isFinite(v) ? v : 0)}>
          <Label>Overlap in minutes</Label>
          <Input />
          <Text slot="description">How long the current token keeps working (0–10080; up to a week).</Text>
        </NumberField>
        <DialogTrigger>
          <Button className="button button--primary">Issue a new token…</Button>
          <ModalOverlay className="modal-overlay" isDismissable>
            <Modal className="modal">
              <Dialog className="dialog">
                {({ close }) => (
                  <>
                    <Heading slot="title">Issue a new Secret Token?</Heading>
                    <p>The current token stops working {duration(overlapMinutes * 60)}. Until you paste the new one into your provider, its requests will then be refused.</p>
                    {failure && (
                      <p className="note note--error" role="alert">
                        {failure}
                      </p>
                    )}
                    <div className="form__actions">
                      <Button
                        className="button button--primary"
                        isDisabled={state.fetching}
                        onPress={async () => {
                          setFailure(null);
                          const result = await rotate({ input: { directoryId: directory.id, overlapSeconds: overlapMinutes * 60 } });
                          if (result.error) return setFailure(errorText(result.error));
                          const { secretToken, overlapSeconds } = result.data!.rotateDirectoryToken;
                          onRevealed({ directoryId: directory.id, tenantUrl: directory.tenantUrl, secretToken, overlapSeconds, kind: 'rotated' });
                          close();
                        }}
                      >
                        Issue the new token
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
      </div>
    </section>
  );
}
