import type { PortalMetadata } from 'cardbridge/plugin';

/** A plain mark for the picker (a ring), not Okta's logo artwork. */
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="Okta"><circle cx="32" cy="32" r="22" fill="none" stroke="#00297a" stroke-width="12"/></svg>`;

const HELP = 'https://help.okta.com/en-us/content/topics';

/** What the admin portal shows of Okta: the steps in the Okta Admin Console, in order. */
export const oktaPortal: PortalMetadata = {
  displayName: 'Okta',
  description: 'Okta pushes the people and groups you assign to an app integration over SCIM: each assigned person gets a seat and a card, and leaves when unassigned or deactivated.',
  logoSvg: LOGO,
  credentialsLocation: 'Provisioning → Integration',
  docsUrl: 'https://developer.okta.com/docs/concepts/scim/',
  supportsOAuth: false,
  matchingAttributes: [
    {
      attribute: 'userName',
      providerAttribute: 'Okta username (login)',
      description: 'Okta identifies users by userName, set from the Okta username. Choose userName as the unique identifier field in the app’s provisioning settings.',
      isDefault: true,
    },
  ],
  setupSteps: [
    {
      title: 'Create an app integration with SCIM provisioning',
      body:
        'In the Okta Admin Console, open Applications → Applications → Create App Integration, choose SAML 2.0 (or SWA) and finish the wizard with the name {directoryName}.\n' +
        'In the app, open the General tab → App Settings → Edit, select SCIM under Provisioning and click Save.',
      links: [{ label: 'Okta Help: Add SCIM provisioning to app integrations', url: `${HELP}/apps/apps_app_integration_wizard_scim.htm` }],
    },
    {
      title: 'Paste the SCIM connector base URL and the token',
      body:
        'Open the Provisioning tab → Integration → Edit. Paste the SCIM connector base URL below, set Unique identifier field for users to userName, and tick Push New Users, Push Profile Updates and Push Groups.\n' +
        'Set Authentication Mode to HTTP Header and paste the Secret Token into Authorization (Bearer). Click Test Connector Configuration, then Save.',
      values: [
        { label: 'SCIM connector base URL', placeholder: 'tenantUrl' },
        { label: 'Authorization (Bearer)', placeholder: 'secretToken' },
      ],
      links: [{ label: 'Okta Developer: Connect your SCIM API service to Okta', url: 'https://developer.okta.com/docs/guides/scim-provisioning-integration-connect/main/' }],
    },
    {
      title: 'Choose what Okta does in cardbridge',
      body: 'On the Provisioning tab → To App → Edit, enable Create Users, Update User Attributes and Deactivate Users, then Save. Deactivated users’ cards follow the directory’s deprovisioning policy.',
    },
    {
      title: 'Assign people and push groups',
      body:
        'On the Assignments tab, assign the people or groups who should get a card: Okta creates each one in cardbridge. Every assigned person takes a seat.\n' +
        'To send groups, open Push Groups and push the groups whose members should get a group’s card template.',
      links: [{ label: 'Okta Help: Assign app integrations', url: `${HELP}/provisioning/lcm/lcm-assign-app-groups.htm` }],
    },
  ],
};
