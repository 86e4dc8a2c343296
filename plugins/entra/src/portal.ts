import type { PortalMetadata } from 'cardbridge/plugin';

/** A plain mark for the picker (a blue pyramid), not Microsoft's logo artwork. */
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="Microsoft Entra ID"><path fill="#0078d4" d="M32 4 6 40l26 20 26-20z"/><path fill="#50a0e8" d="M32 4v56l26-20z"/><path fill="#9fd0ff" d="M32 60 6 40l26-8 26 8z" opacity=".6"/></svg>`;

const LEARN = 'https://learn.microsoft.com/en-us/entra/identity';

/** What the admin portal shows of Entra: the steps in the Microsoft Entra admin center, in order. */
export const entraPortal: PortalMetadata = {
  displayName: 'Microsoft Entra ID',
  description: 'Entra provisions the users and groups you assign to an enterprise application over SCIM: each assigned user gets a seat and a card, and leaves when unassigned.',
  logoSvg: LOGO,
  credentialsLocation: 'Provisioning → Admin Credentials',
  docsUrl: `${LEARN}/app-provisioning/use-scim-to-provision-users-and-groups`,
  supportsOAuth: true,
  matchingAttributes: [
    {
      attribute: 'userName',
      providerAttribute: 'userPrincipalName',
      description: "Entra's default: userName ← userPrincipalName, matching precedence 1. Keep it unless user principal names change often.",
      isDefault: true,
    },
    {
      attribute: 'externalId',
      providerAttribute: 'objectId',
      description: 'Map externalId ← objectId and give externalId matching precedence 1: objectId never changes, so renamed users keep their card. Every user then needs a unique externalId; set the directory’s matching attribute to externalId before the first cycle.',
    },
  ],
  setupSteps: [
    {
      title: 'Create an enterprise application',
      body:
        'In the Microsoft Entra admin center (entra.microsoft.com), open Enterprise applications → New application → Create your own application.\n' +
        'Name it, e.g. {directoryName}, choose "Integrate any other application you don\'t find in the gallery (Non-gallery)" and click Create.',
      links: [{ label: 'Microsoft Learn: Add an enterprise application', url: `${LEARN}/enterprise-apps/add-application-portal` }],
    },
    {
      title: 'Turn on automatic provisioning',
      body: 'In the new application, open Provisioning (under Manage) and click Get started or New configuration. Set Provisioning Mode to Automatic.',
    },
    {
      title: 'Paste the Tenant URL and Secret Token, then Test Connection',
      body:
        'Under Admin Credentials, paste the Tenant URL and the Secret Token below, then click Test Connection.\n' +
        'Entra looks up a user with a random userName; cardbridge answers that no such user exists, and this page shows the test as seen. Click Save.\n' +
        'The Secret Token is shown only once: if you lose it, rotate it here and paste the new one.',
      values: [
        { label: 'Tenant URL', placeholder: 'tenantUrl' },
        { label: 'Secret Token', placeholder: 'secretToken' },
      ],
      links: [{ label: 'Microsoft Learn: Provision users to a SCIM endpoint', url: `${LEARN}/app-provisioning/use-scim-to-provision-users-and-groups` }],
    },
    {
      title: 'Check the attribute mappings',
      body:
        'Under Mappings, open Provision Microsoft Entra ID Users. Keep the defaults: userName ← userPrincipalName (the matching attribute), active, displayName, title, emails[type eq "work"].value ← mail, name.givenName, name.familyName, phone numbers, addresses and the enterprise extension\'s department and manager.\n' +
        'This directory identifies users by {matchingAttribute}; the attribute with matching precedence 1 in Entra must be the same one.\n' +
        'Provision Microsoft Entra ID Groups may stay on: groups can choose the card template of their members.',
      links: [{ label: 'Microsoft Learn: Customize attribute mappings', url: `${LEARN}/app-provisioning/customize-application-attributes` }],
    },
    {
      title: 'Assign users and groups',
      body:
        'Under Provisioning → Settings, set Scope to "Sync only assigned users and groups". Then open Users and groups (under Manage), click Add user/group and assign the people who should get a card.\n' +
        'Every assigned user takes a seat: assign no more users than the seats left.',
      links: [{ label: 'Microsoft Learn: Assign users and groups to an application', url: `${LEARN}/enterprise-apps/assign-user-or-group-access-portal` }],
    },
    {
      title: 'Start provisioning',
      body:
        'Optionally try one user first with Provision on demand. Then set Provisioning Status to On and click Save.\n' +
        'Entra runs an initial cycle, then an incremental cycle about every 40 minutes. This page shows the first user and each sync as they arrive.',
      links: [{ label: 'Microsoft Learn: On-demand provisioning', url: `${LEARN}/app-provisioning/provision-on-demand` }],
    },
  ],
};
