/** A directory's settings: matching attribute, template, invites, domain assignment, leavers, photo sync, OAuth. */
import { useState, type FormEvent } from 'react';
import { Button, Form, Input, Label, ListBox, ListBoxItem, Popover, RadioGroup, Select, SelectValue, Text, TextField } from 'react-aria-components';
import { RadioCard, Toggle } from '../../components/Choice';
import { useMutation } from 'urql';
import type { DeprovisionPolicy, MatchingAttribute, PortalDirectoryQuery, UpdateDirectorySettingsInput } from '../../gql/graphql';
import { ResendInvitesMutation, UpdateSettingsMutation } from '../../operations';
import { errorText } from '../common';

type Directory = NonNullable<PortalDirectoryQuery['directory']>;
const NO_TEMPLATE = '__none__';

export function SettingsForm({ directory, templates }: { directory: Directory; templates: { id: string; name: string }[] }) {
  const s = directory.settings;
  const [matching, setMatching] = useState<MatchingAttribute>(s.matchingAttribute);
  const [templateId, setTemplateId] = useState(s.templateId ?? NO_TEMPLATE);
  const [invites, setInvites] = useState(s.invitesEnabled);
  const [domainAssignment, setDomainAssignment] = useState(s.domainAssignment);
  const [policy, setPolicy] = useState<DeprovisionPolicy>(s.deprovisionPolicy);
  const [enabled, setEnabled] = useState(directory.status === 'ACTIVE');
  const [photoOn, setPhotoOn] = useState(s.photoSync?.enabled ?? false);
  const [photoClient, setPhotoClient] = useState(s.photoSync?.clientId ?? '');
  const [photoTenant, setPhotoTenant] = useState(s.photoSync?.tenantId ?? '');
  const [photoSecret, setPhotoSecret] = useState('');
  const [oauthOn, setOauthOn] = useState(s.oauth !== null);
  const [oauthTenant, setOauthTenant] = useState(s.oauth?.tenantId ?? '');
  const [oauthAudience, setOauthAudience] = useState(s.oauth?.audience ?? '');
  const [oauthOnly, setOauthOnly] = useState(s.oauth?.refuseStaticToken ?? false);
  const [saving, save] = useMutation(UpdateSettingsMutation);
  const [resending, resend] = useMutation(ResendInvitesMutation);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input: UpdateDirectorySettingsInput = { directoryId: directory.id };
    if (matching !== s.matchingAttribute) input.matchingAttribute = matching;
    if ((templateId === NO_TEMPLATE ? null : templateId) !== s.templateId) input.templateId = templateId === NO_TEMPLATE ? null : templateId;
    if (invites !== s.invitesEnabled) input.invitesEnabled = invites;
    if (domainAssignment !== s.domainAssignment) input.domainAssignment = domainAssignment;
    if (policy !== s.deprovisionPolicy) input.deprovisionPolicy = policy;
    if (enabled !== (directory.status === 'ACTIVE')) input.status = enabled ? 'ACTIVE' : 'DISABLED';
    const photoChanged =
      photoOn !== (s.photoSync?.enabled ?? false) || photoClient !== (s.photoSync?.clientId ?? '') || photoTenant !== (s.photoSync?.tenantId ?? '') || photoSecret !== '';
    if (photoChanged)
      input.photoSync =
        photoClient || photoTenant || photoOn
          ? { enabled: photoOn, clientId: photoClient.trim(), tenantId: photoTenant.trim(), ...(photoSecret ? { clientSecret: photoSecret } : {}) }
          : null;
    const oauthChanged =
      oauthOn !== (s.oauth !== null) || (oauthOn && (oauthTenant !== s.oauth?.tenantId || oauthAudience !== s.oauth?.audience || oauthOnly !== s.oauth?.refuseStaticToken));
    if (oauthChanged) input.oauth = oauthOn ? { tenantId: oauthTenant.trim(), audience: oauthAudience.trim(), refuseStaticToken: oauthOnly } : null;
    if (Object.keys(input).length === 1) return setMessage({ kind: 'ok', text: 'Nothing changed.' });
    const result = await save({ input });
    if (result.error) return setMessage({ kind: 'error', text: errorText(result.error) });
    setPhotoSecret('');
    setMessage({ kind: 'ok', text: 'Settings saved.' });
  };

  return (
    <Form className="form" onSubmit={submit} validationBehavior="native" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <div className="panel">
        <Toggle isSelected={enabled} onChange={setEnabled}>
          Provisioning enabled
        </Toggle>
        <RadioGroup className="field" value={matching} onChange={(v) => setMatching(v as MatchingAttribute)}>
          <Label>Which attribute identifies users</Label>
          {(directory.providerDetails?.matchingAttributes ?? []).map((choice) => (
            <RadioCard
              key={choice.attribute}
              value={choice.attribute}
              title={
                <>
                  {choice.attribute === 'USER_NAME' ? 'userName' : 'externalId'} ← {choice.providerAttribute}
                </>
              }
            >
              {choice.description}
            </RadioCard>
          ))}
        </RadioGroup>
      </div>

      <fieldset className="fieldset panel">
        <legend>Cards</legend>
        <Select className="field" selectedKey={templateId} onSelectionChange={(key) => setTemplateId(String(key))}>
          <Label>Card template of this directory’s users</Label>
          <Button className="select-button">
            <SelectValue />
            <span aria-hidden="true">▾</span>
          </Button>
          <Text slot="description">Group rules (under Groups) take precedence.</Text>
          <Popover className="popover">
            <ListBox className="listbox">
              <ListBoxItem id={NO_TEMPLATE} className="listbox__item">
                The organization’s first template
              </ListBoxItem>
              {templates.map((t) => (
                <ListBoxItem key={t.id} id={t.id} className="listbox__item">
                  {t.name}
                </ListBoxItem>
              ))}
            </ListBox>
          </Popover>
        </Select>
        <div className="inline-actions">
          <Toggle isSelected={invites} onChange={setInvites}>
            Send new users an invite e-mail
          </Toggle>
          <Button
            className="button button--secondary"
            isDisabled={resending.fetching}
            onPress={async () => {
              const result = await resend({});
              setMessage(
                result.error
                  ? { kind: 'error', text: errorText(result.error) }
                  : { kind: 'ok', text: `Invites sent again to ${result.data!.resendInvites.count} people who have not accepted yet.` },
              );
            }}
          >
            Resend invites
          </Button>
        </div>
        <Toggle isSelected={domainAssignment} onChange={setDomainAssignment}>
          Assign users to organizations by their e-mail domain
        </Toggle>
        <RadioGroup className="field" value={policy} onChange={(v) => setPolicy(v as DeprovisionPolicy)}>
          <Label>When the directory deactivates someone</Label>
          <RadioCard value="SUSPEND" title="Hide the card (recommended)">
            The card is kept but not shown until the person is active again, at the same address.
          </RadioCard>
          <RadioCard value="KEEP_PUBLIC" title="Keep the card public">
            Leavers’ cards stay online.
          </RadioCard>
        </RadioGroup>
      </fieldset>

      <fieldset className="fieldset panel">
        <legend>Profile photos from Microsoft Graph</legend>
        <Toggle isSelected={photoOn} onChange={setPhotoOn}>
          Sync profile photos
        </Toggle>
        <div className="field-group">
          <TextField className="field" value={photoTenant} onChange={setPhotoTenant} isRequired={photoOn}>
            <Label>Tenant id</Label>
            <Input spellCheck={false} />
          </TextField>
          <TextField className="field" value={photoClient} onChange={setPhotoClient} isRequired={photoOn}>
            <Label>Application (client) id</Label>
            <Input spellCheck={false} />
          </TextField>
          <TextField className="field" value={photoSecret} onChange={setPhotoSecret} type="password" autoComplete="off">
            <Label>Client secret</Label>
            <Input />
            <Text slot="description" data-testid="photo-secret-state">
              {s.photoSync?.hasClientSecret ? 'A secret is set (it is never shown). Enter a new one to replace it.' : 'Not set.'}
            </Text>
          </TextField>
        </div>
      </fieldset>

      {directory.providerDetails?.supportsOAuth && (
        <fieldset className="fieldset panel">
          <legend>OAuth instead of the Secret Token</legend>
          <Toggle isSelected={oauthOn} onChange={setOauthOn}>
            Accept OAuth access tokens from the tenant
          </Toggle>
          {oauthOn && (
            <div className="field-group">
              <TextField className="field" value={oauthTenant} onChange={setOauthTenant} isRequired>
                <Label>Tenant id</Label>
                <Input spellCheck={false} />
              </TextField>
              <TextField className="field" value={oauthAudience} onChange={setOauthAudience} isRequired>
                <Label>Audience</Label>
                <Input spellCheck={false} />
              </TextField>
              <Toggle isSelected={oauthOnly} onChange={setOauthOnly}>
                Refuse the Secret Token (OAuth only)
              </Toggle>
            </div>
          )}
        </fieldset>
      )}

      <div className="form__actions">
        <Button type="submit" className="button button--primary" isDisabled={saving.fetching}>
          {saving.fetching ? 'Saving…' : 'Save settings'}
        </Button>
        <p role="status" aria-live="polite" className={message?.kind === 'error' ? 'note note--error' : 'form__message'}>
          {message?.text}
        </p>
      </div>
    </Form>
  );
}
