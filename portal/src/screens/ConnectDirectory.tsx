/** Connect a directory: pick the provider, configure the directory, then its Tenant URL and Secret Token once. */
import { useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, ListBox, ListBoxItem, Popover, RadioGroup, Select, SelectValue, Text, TextArea, TextField } from 'react-aria-components';
import { RadioCard, Toggle } from '../components/Choice';
import { useMutation, useQuery } from 'urql';
import type { RevealedToken } from '../App';
import { PageHeading } from '../components/PageHeading';
import { ProviderLogo } from '../components/ProviderLogo';
import { Seats } from '../components/Seats';
import type { MatchingAttribute, UpdateDirectorySettingsInput } from '../gql/graphql';
import { CreateDirectoryMutation, ProvidersQuery, UpdateSettingsMutation } from '../operations';
import { href, navigate } from '../router';
import { ErrorNote, errorText, Loading } from './common';

export function ProviderPicker() {
  const [{ data, error }] = useQuery({ query: ProvidersQuery });
  return (
    <>
      <PageHeading>Connect a directory</PageHeading>
      <p className="lead">Choose the identity provider your company’s people are in.</p>
      {error && <ErrorNote error={error} />}
      {!data && !error && <Loading what="providers" />}
      {data && (
        <ul className="provider-grid" aria-label="Identity providers">
          {data.directoryProviders.map((provider) => (
            <li key={provider.name}>
              <a className="provider-tile" href={href({ name: 'configure', provider: provider.name })}>
                <ProviderLogo url={provider.logoUrl} size={48} />
                <span className="provider-tile__name">{provider.displayName}</span>
                {provider.description && <span className="provider-tile__text">{provider.description}</span>}
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const NO_TEMPLATE = '__none__';

/** Custom attribute names as one line: "costCenterCode, localTitle". */
function attributeNames(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function ConnectDirectory({ provider: name, onCreated }: { provider: string; onCreated: (token: RevealedToken) => void }) {
  const [{ data, error }] = useQuery({ query: ProvidersQuery });
  const [creating, create] = useMutation(CreateDirectoryMutation);
  const [, update] = useMutation(UpdateSettingsMutation);
  const provider = data?.directoryProviders.find((p) => p.name === name);
  const defaultMatching = provider?.matchingAttributes.find((m) => m.isDefault)?.attribute ?? 'USER_NAME';
  const [directoryName, setDirectoryName] = useState('');
  const [matching, setMatching] = useState<MatchingAttribute | null>(null);
  const [templateId, setTemplateId] = useState<string>(NO_TEMPLATE);
  const [invites, setInvites] = useState(true);
  const [preview, setPreview] = useState(false);
  const [auth, setAuth] = useState<'token' | 'oauth'>('token');
  const [oauthTenant, setOauthTenant] = useState('');
  const [oauthAudience, setOauthAudience] = useState('');
  const [oauthOnly, setOauthOnly] = useState(false);
  const [schemaUrn, setSchemaUrn] = useState('');
  const [schemaAttributes, setSchemaAttributes] = useState('');
  const [failure, setFailure] = useState<string | null>(null);

  if (error) return <ErrorNote error={error} />;
  if (!data) return <Loading what="the provider" />;
  if (!provider) {
    return (
      <>
        <PageHeading>Provider not found</PageHeading>
        <p>
          This server has no provider named “{name}”. <a href={href({ name: 'connect' })}>Choose another provider</a>.
        </p>
      </>
    );
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(null);
    const created = await create({ input: { name: directoryName.trim(), provider: provider.name, ...(preview ? { mode: 'PREVIEW' as const } : {}) } });
    if (created.error || !created.data) return setFailure(created.error ? errorText(created.error) : 'The directory was not created.');
    const { directory, tenantUrl, secretToken } = created.data.createDirectory;
    const settings: UpdateDirectorySettingsInput = { directoryId: directory.id };
    const chosen = matching ?? defaultMatching;
    if (chosen !== 'USER_NAME') settings.matchingAttribute = chosen;
    if (templateId !== NO_TEMPLATE) settings.templateId = templateId;
    if (!invites) settings.invitesEnabled = false;
    if (auth === 'oauth') settings.oauth = { tenantId: oauthTenant.trim(), audience: oauthAudience.trim(), refuseStaticToken: oauthOnly };
    const names = attributeNames(schemaAttributes);
    if (schemaUrn.trim() && names.length) settings.customSchemas = [{ urn: schemaUrn.trim(), attributes: names.map((n) => ({ name: n })) }];
    let settingsProblem: string | undefined;
    if (Object.keys(settings).length > 1) {
      const updated = await update({ input: settings });
      if (updated.error) settingsProblem = errorText(updated.error);
    }
    onCreated({ directoryId: directory.id, tenantUrl, secretToken, kind: 'created', settingsProblem });
    navigate({ name: 'directory', id: directory.id, tab: 'setup' });
  };

  return (
    <>
      <PageHeading>
        <span className="heading-with-logo">
          <ProviderLogo url={provider.logoUrl} size={36} />
          Configure {provider.displayName}
        </span>
      </PageHeading>
      {provider.description && <p className="lead">{provider.description}</p>}
      <section className="panel" aria-label="Seats">
        <Seats seats={data.organization.seats} label="Seats left for new users" />
      </section>
      <Form className="panel form" onSubmit={submit} validationBehavior="native">
        <TextField name="name" isRequired maxLength={200} value={directoryName} onChange={setDirectoryName} className="field">
          <Label>Directory name</Label>
          <Input placeholder={`e.g. ${provider.displayName} – all staff`} />
          <Text slot="description">Shown to admins here and in the provisioning log.</Text>
          <FieldError />
        </TextField>

        <RadioGroup className="field" value={matching ?? defaultMatching} onChange={(v) => setMatching(v as MatchingAttribute)}>
          <Label>Which attribute identifies users</Label>
          {provider.matchingAttributes.map((choice) => (
            <RadioCard
              key={choice.attribute}
              value={choice.attribute}
              title={
                <>
                  {choice.attribute === 'USER_NAME' ? 'userName' : 'externalId'} ← {choice.providerAttribute}
                  {choice.isDefault && <span className="badge badge--quiet">default</span>}
                </>
              }
            >
              {choice.description}
            </RadioCard>
          ))}
        </RadioGroup>

        <Select className="field" selectedKey={templateId} onSelectionChange={(key) => setTemplateId(String(key))}>
          <Label>Card template</Label>
          <Button className="select-button">
            <SelectValue />
            <span aria-hidden="true">▾</span>
          </Button>
          <Text slot="description">Group rules can choose another template for their members later.</Text>
          <Popover className="popover">
            <ListBox className="listbox">
              <ListBoxItem id={NO_TEMPLATE} className="listbox__item">
                The organization’s first template
              </ListBoxItem>
              {data.templates.map((t) => (
                <ListBoxItem key={t.id} id={t.id} className="listbox__item">
                  {t.name}
                </ListBoxItem>
              ))}
            </ListBox>
          </Popover>
        </Select>

        <Toggle isSelected={invites} onChange={setInvites}>
          Send new users an invite e-mail
        </Toggle>

        <div className="field">
          <Toggle isSelected={preview} onChange={setPreview}>
            Start in preview mode
          </Toggle>
          <p className="field__hint">The provider’s first cycle is stored and shown here, but no seat is claimed, no card made and no e-mail sent until you go live.</p>
        </div>

        {provider.supportsOAuth && (
          <fieldset className="fieldset">
            <legend>Authentication</legend>
            <RadioGroup aria-label="How the provider authenticates" value={auth} onChange={(v) => setAuth(v as 'token' | 'oauth')} className="field">
              <RadioCard value="token" title="Secret Token">
                Paste a token cardbridge issues into the provider. The simplest choice.
              </RadioCard>
              <RadioCard value="oauth" title={<>OAuth tokens from {provider.displayName}</>}>
                cardbridge accepts access tokens your tenant issues, checked against its signing keys.
              </RadioCard>
            </RadioGroup>
            {auth === 'oauth' && (
              <div className="field-group">
                <TextField className="field" isRequired value={oauthTenant} onChange={setOauthTenant} name="oauthTenant">
                  <Label>Tenant id</Label>
                  <Input placeholder="00000000-0000-0000-0000-000000000000" spellCheck={false} />
                  <FieldError />
                </TextField>
                <TextField className="field" isRequired value={oauthAudience} onChange={setOauthAudience} name="oauthAudience">
                  <Label>Audience (application id or App ID URI)</Label>
                  <Input spellCheck={false} />
                  <FieldError />
                </TextField>
                <Toggle isSelected={oauthOnly} onChange={setOauthOnly}>
                  Refuse the Secret Token (OAuth only)
                </Toggle>
              </div>
            )}
          </fieldset>
        )}

        <fieldset className="fieldset">
          <legend>Custom attributes (optional)</legend>
          <p className="muted">For attributes your provider sends under a custom extension schema, e.g. an Entra extension_… attribute.</p>
          <TextField className="field" value={schemaUrn} onChange={setSchemaUrn} name="schemaUrn">
            <Label>Schema URN</Label>
            <Input placeholder="urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User" spellCheck={false} />
          </TextField>
          <TextField className="field" value={schemaAttributes} onChange={setSchemaAttributes} name="schemaAttributes" isRequired={schemaUrn.trim() !== ''}>
            <Label>Attribute names</Label>
            <TextArea rows={2} placeholder="costCenterCode, localTitle" spellCheck={false} />
            <Text slot="description">Separated by commas or spaces. Text attributes; change types later in the settings.</Text>
            <FieldError />
          </TextField>
        </fieldset>

        {failure && (
          <div className="note note--error" role="alert">
            {failure}
          </div>
        )}
        <div className="form__actions">
          <Button type="submit" className="button button--primary" isDisabled={creating.fetching}>
            {creating.fetching ? 'Creating…' : 'Create directory'}
          </Button>
          <a className="button button--quiet" href={href({ name: 'connect' })}>
            Back
          </a>
        </div>
      </Form>
    </>
  );
}
