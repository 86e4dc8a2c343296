/**
 * What a provider plugin tells the admin portal about itself (since plugin API 1.3.0): its name as people read it,
 * a logo, a short description and the steps an IT admin follows in the provider's own console, all as data. The
 * host checks it when the plugin loads and serves it through GraphQL (`directoryProviders`); the logo is served
 * by the host from `/portal/providers/<name>/logo.svg` under a Content-Security-Policy that runs nothing.
 */

/**
 * Values the portal fills into a step's text and its values to paste, written `{tenantUrl}` in a body:
 * - `tenantUrl`: the directory's Tenant URL (`<publicUrl>/scim/<plugin>/<directoryId>`);
 * - `secretToken`: the directory's Secret Token (shown once, when the directory is created or its token rotated);
 * - `directoryId`, `directoryName`: the directory's id and the name the admin gave it;
 * - `publicUrl`: the server's public base URL;
 * - `matchingAttribute`: the SCIM attribute the directory identifies users by (`userName` or `externalId`).
 * @public
 */
export const PORTAL_PLACEHOLDERS = ['tenantUrl', 'secretToken', 'directoryId', 'directoryName', 'publicUrl', 'matchingAttribute'] as const;

/** A value the portal fills in (see {@link PORTAL_PLACEHOLDERS}). @public */
export type PortalPlaceholder = (typeof PORTAL_PLACEHOLDERS)[number];

/** A value the admin copies from the portal into the provider's console, e.g. the Tenant URL. @public */
export interface PortalPasteValue {
  /** The provider's own label of the field it goes into, e.g. `Tenant URL` or `SCIM connector base URL`. */
  readonly label: string;
  /** Which value the portal shows with a copy button. */
  readonly placeholder: PortalPlaceholder;
}

/** A link to the provider's own documentation. @public */
export interface PortalLink {
  /** Text of the link, e.g. `Microsoft Learn: Tutorial: Develop and plan provisioning for a SCIM endpoint`. */
  readonly label: string;
  /** An `https:` URL. */
  readonly url: string;
}

/** One step of connecting a directory, in the provider's console. @public */
export interface PortalSetupStep {
  /** Short imperative title, e.g. `Create the enterprise application`. At most 120 characters. */
  readonly title: string;
  /**
   * What to do, as plain text (never HTML or Markdown: the portal shows it as written, line breaks kept). It may
   * name placeholders as `{tenantUrl}`; the portal fills them. At most 2,000 characters.
   */
  readonly body: string;
  /** Values to paste in this step, in the order the provider's console asks for them. */
  readonly values?: readonly PortalPasteValue[];
  /** The provider's own documentation for this step. */
  readonly links?: readonly PortalLink[];
}

/**
 * A choice of which attribute identifies users, as the provider maps it: cardbridge's SCIM attribute and the
 * provider's source attribute that feeds it.
 * @public
 */
export interface PortalMatchingChoice {
  /** The SCIM attribute cardbridge matches users by (a directory's `matchingAttribute`). */
  readonly attribute: 'userName' | 'externalId';
  /** The provider's attribute mapped to it, e.g. `userPrincipalName` or `objectId`. */
  readonly providerAttribute: string;
  /** When to choose it, in a sentence or two of plain text. */
  readonly description: string;
  /** True for the provider's default mapping (at most one choice). */
  readonly isDefault?: boolean;
}

/** What the admin portal shows of a provider (`PluginDefinition.portal`, since plugin API 1.3.0). @public */
export interface PortalMetadata {
  /** The provider's name as people read it, e.g. `Microsoft Entra ID`. At most 60 characters. */
  readonly displayName: string;
  /** One or two plain-text sentences on what connecting it does. At most 500 characters. */
  readonly description: string;
  /**
   * The provider's logo as SVG markup (`<svg …>…</svg>`, at most 32 kB). Refused at load when it holds scripts,
   * event handlers, `foreignObject`, a DOCTYPE or entities, or references anything outside itself (only `#id`
   * references). Served by the host as `image/svg+xml` with `Content-Security-Policy: default-src 'none';
   * style-src 'unsafe-inline'` and `X-Content-Type-Options: nosniff`.
   */
  readonly logoSvg?: string;
  /**
   * Where in the provider's console the Tenant URL and Secret Token are pasted, e.g. `Provisioning → Admin
   * Credentials`: the connection status names it in its fixes ("Paste the current Secret Token in Microsoft Entra ID
   * → Provisioning → Admin Credentials …"). At most 120 characters; default `its provisioning settings`.
   */
  readonly credentialsLocation?: string;
  /** The provider's own overview of SCIM provisioning (`https:`). */
  readonly docsUrl?: string;
  /** The steps in order; at least one, at most 30. */
  readonly setupSteps: readonly PortalSetupStep[];
  /** Which attributes can identify users, as the provider maps them; default: `userName` only. */
  readonly matchingAttributes?: readonly PortalMatchingChoice[];
  /**
   * True when the provider can authenticate with OAuth access tokens it issues instead of the Secret Token (a
   * directory's `oauth` settings: Entra-issued tokens). Default false.
   */
  readonly supportsOAuth?: boolean;
}
