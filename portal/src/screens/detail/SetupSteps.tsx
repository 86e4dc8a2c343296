/** The provider's setup steps in order, with this directory's values filled in and copy buttons. */
import { CopyField } from '../../components/CopyField';
import type { PortalDirectoryQuery, SetupPlaceholder } from '../../gql/graphql';
import type { RevealedToken } from '../../App';
import { href } from '../../router';

type Directory = NonNullable<PortalDirectoryQuery['directory']>;

const TOKEN_HIDDEN = '(the Secret Token shown when the directory was created)';

function values(directory: Directory, revealed: RevealedToken | null): Record<SetupPlaceholder, string | null> {
  return {
    TENANT_URL: directory.tenantUrl,
    SECRET_TOKEN: revealed?.secretToken ?? null,
    DIRECTORY_ID: directory.id,
    DIRECTORY_NAME: directory.name,
    MATCHING_ATTRIBUTE: directory.settings.matchingAttribute === 'EXTERNAL_ID' ? 'externalId' : 'userName',
    PUBLIC_URL: new URL(directory.tenantUrl).origin,
  };
}

const CAMEL: Record<string, SetupPlaceholder> = {
  tenantUrl: 'TENANT_URL',
  secretToken: 'SECRET_TOKEN',
  directoryId: 'DIRECTORY_ID',
  directoryName: 'DIRECTORY_NAME',
  matchingAttribute: 'MATCHING_ATTRIBUTE',
  publicUrl: 'PUBLIC_URL',
};

/** A step's text with {placeholders} filled (plain text: React escapes it; line breaks kept by CSS). */
export function fill(text: string, filled: Record<SetupPlaceholder, string | null>): string {
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => {
    const key = CAMEL[name];
    if (!key) return whole;
    return filled[key] ?? (key === 'SECRET_TOKEN' ? TOKEN_HIDDEN : whole);
  });
}

export function SetupSteps({ directory, revealed }: { directory: Directory; revealed: RevealedToken | null }) {
  const filled = values(directory, revealed);
  const steps = directory.providerDetails?.setupSteps ?? [];
  return (
    <>
      {revealed?.kind === 'created' ? (
        <section className="panel panel--highlight" aria-labelledby="credentials-title">
          <h2 id="credentials-title">Your Tenant URL and Secret Token</h2>
          <p className="note note--warning">
            <strong>Copy the Secret Token now: you won’t see it again.</strong> cardbridge stores only its hash. If you lose it, rotate it under Secret Token.
          </p>
          <CopyField label="Tenant URL" value={directory.tenantUrl} testId="tenant-url" />
          <CopyField label="Secret Token" value={revealed.secretToken} secret testId="secret-token" />
        </section>
      ) : (
        <section className="panel" aria-labelledby="credentials-title">
          <h2 id="credentials-title">Tenant URL</h2>
          <CopyField label="Tenant URL" value={directory.tenantUrl} testId="tenant-url" />
          <p className="muted">
            The Secret Token was shown once, when the directory was created. To paste it again,{' '}
            <a href={href({ name: 'directory', id: directory.id, tab: 'token' })}>issue a new one</a>.
          </p>
        </section>
      )}
      {steps.length > 0 && (
        <section aria-labelledby="steps-title">
          <h2 id="steps-title">Steps in {directory.providerDetails?.displayName}</h2>
          <ol className="setup-steps">
            {steps.map((step, i) => (
              <li key={i} className="setup-step">
                <h3>{step.title}</h3>
                <p className="setup-step__body">{fill(step.body, filled)}</p>
                {step.values.map((value) => {
                  const v = filled[value.placeholder];
                  return v ? (
                    <CopyField key={value.placeholder} label={value.label} value={v} secret={value.placeholder === 'SECRET_TOKEN'} />
                  ) : (
                    <p key={value.placeholder} className="muted">
                      {value.label}: {fill(`{${Object.keys(CAMEL).find((k) => CAMEL[k] === value.placeholder)}}`, filled)}
                    </p>
                  );
                })}
                {step.links.length > 0 && (
                  <ul className="links">
                    {step.links.map((link) => (
                      <li key={link.url}>
                        <a href={link.url} target="_blank" rel="noopener noreferrer">
                          {link.label}
                          <span className="visually-hidden"> (opens in a new tab)</span>
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
