/**
 * Internal: GraphQL types of the directory settings issue 12 made settable — custom extension schemas, Entra
 * OAuth, domain-assignment targets — as inputs of `updateDirectorySettings` and as read back in `settings`.
 */
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { DirectorySettings } from '../../domain/directories/directory.entity.js';
import { customSchemasOf } from '../../domain/directories/directory.rules.js';

export enum CustomAttributeTypeValue {
  STRING = 'string',
  BOOLEAN = 'boolean',
  INTEGER = 'integer',
  DECIMAL = 'decimal',
  DATE_TIME = 'dateTime',
  REFERENCE = 'reference',
}
registerEnumType(CustomAttributeTypeValue, {
  name: 'CustomAttributeType',
  description: 'The SCIM data type of a custom extension attribute (RFC 7643 §2.3); values of another type are refused with 400 invalidValue.',
  valuesConfig: {
    STRING: { description: 'Text (compared case-insensitively unless caseExact).' },
    BOOLEAN: { description: 'A JSON true or false (Entra’s dialect also takes the strings "True" and "False").' },
    INTEGER: { description: 'A whole number.' },
    DECIMAL: { description: 'A number.' },
    DATE_TIME: { description: 'An xsd:dateTime such as 2026-01-31T09:00:00Z.' },
    REFERENCE: { description: 'A URI.' },
  },
});

export enum CardFieldValue {
  DISPLAY_NAME = 'displayName',
  GIVEN_NAME = 'givenName',
  FAMILY_NAME = 'familyName',
  TITLE = 'title',
  DEPARTMENT = 'department',
  COMPANY = 'company',
}
registerEnumType(CardFieldValue, {
  name: 'CardField',
  description: 'A text field of a card that a custom extension attribute can feed; its value then replaces what the core SCIM attributes give.',
  valuesConfig: {
    DISPLAY_NAME: { description: 'The name shown on the card (core: displayName).' },
    GIVEN_NAME: { description: 'Given name (core: name.givenName).' },
    FAMILY_NAME: { description: 'Family name (core: name.familyName).' },
    TITLE: { description: 'Job title (core: title).' },
    DEPARTMENT: { description: 'Department (enterprise: department).' },
    COMPANY: { description: 'Company (enterprise: organization, else the organization’s name).' },
  },
});

@InputType({ description: 'An attribute of a custom extension schema.' })
export class CustomAttributeInput {
  @Field(() => String, { description: 'Attribute name as Entra’s mapping target names it after the schema URN (RFC 7643 ATTRNAME: a letter, then letters, digits, "-" or "_"; at most 64). Case-insensitive, unique in the schema.' })
  name!: string;

  @Field(() => CustomAttributeTypeValue, { defaultValue: CustomAttributeTypeValue.STRING, description: 'Its data type.' })
  type!: CustomAttributeTypeValue;

  @Field(() => Boolean, { defaultValue: false, description: 'Whether it holds a list of values.' })
  multiValued!: boolean;

  @Field(() => Boolean, { defaultValue: false, description: 'Whether text compares case-sensitively in filters and sorting.' })
  caseExact!: boolean;

  @Field(() => CardFieldValue, { nullable: true, description: 'The card field its value feeds (single-valued STRING only; each card field at most once per directory).' })
  cardField?: CardFieldValue | null;
}

@InputType({ description: 'A custom SCIM extension schema of the User resource (RFC 7643 §3.3), e.g. the URN an Entra attribute mapping puts `extension_<appId>_<attr>` sources under.' })
export class CustomSchemaInput {
  @Field(() => String, { description: 'The schema URN, e.g. urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User. Not a core, API-message or Enterprise User URN; no URN inside another.' })
  urn!: string;

  @Field(() => String, { nullable: true, description: 'Its name in /Schemas; default: from the URN (CustomExtensionName).' })
  name?: string | null;

  @Field(() => [CustomAttributeInput], { description: 'Its attributes (1–100).' })
  attributes!: CustomAttributeInput[];
}

@InputType({ description: 'Entra-issued OAuth access tokens the directory accepts, verified against the tenant’s signing keys.' })
export class DirectoryOAuthInput {
  @Field(() => String, { description: 'The Entra tenant id (a GUID: the tokens’ tid).' })
  tenantId!: string;

  @Field(() => String, { description: 'The audience the tokens carry (aud): the application (client) id or App ID URI.' })
  audience!: string;

  @Field(() => Boolean, { defaultValue: false, description: 'Refuse the directory’s Secret Token (401) while OAuth is on.' })
  refuseStaticToken!: boolean;
}

@InputType({ description: 'Another organization that users of the directory may be assigned to by the domain of their e-mail address.' })
export class DomainAssignmentTargetInput {
  @Field(() => ID, { description: 'The organization’s id.' })
  organizationId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A token (product token or Sign in with Microsoft ID token) of an owner of that organization: proof that the same owner controls it. Needed for an organization not yet a target; never stored.',
  })
  ownerToken?: string | null;
}

@ObjectType({ description: 'An attribute of a custom extension schema, as /Schemas publishes it.' })
export class CustomAttribute {
  @Field(() => String, { description: 'Attribute name.' })
  name!: string;

  @Field(() => CustomAttributeTypeValue, { description: 'Its data type.' })
  type!: CustomAttributeTypeValue;

  @Field(() => Boolean, { description: 'Whether it holds a list of values.' })
  multiValued!: boolean;

  @Field(() => Boolean, { description: 'Whether text compares case-sensitively.' })
  caseExact!: boolean;

  @Field(() => CardFieldValue, { nullable: true, description: 'The card field its value feeds; null when none.' })
  cardField!: CardFieldValue | null;
}

@ObjectType({ description: 'A custom SCIM extension schema the directory declares.' })
export class CustomSchema {
  @Field(() => String, { description: 'The schema URN.' })
  urn!: string;

  @Field(() => String, { description: 'Its name in /Schemas.' })
  name!: string;

  @Field(() => [CustomAttribute], { description: 'Its attributes.' })
  attributes!: CustomAttribute[];
}

@ObjectType({ description: 'Entra-issued OAuth access tokens the directory accepts.' })
export class DirectoryOAuth {
  @Field(() => String, { description: 'The Entra tenant id whose tokens are accepted.' })
  tenantId!: string;

  @Field(() => String, { description: 'The audience (aud) the tokens must carry.' })
  audience!: string;

  @Field(() => Boolean, { description: 'True when the Secret Token is refused while OAuth is on.' })
  refuseStaticToken!: boolean;
}

/** The settings of this file as `Directory.settings` reads them (`instanceRate`: SCIM_RATE_LIMIT_PER_SECOND). */
export function customSettingsView(settings: Readonly<DirectorySettings>, instanceRate: number): {
  customSchemas: CustomSchema[];
  oauth: DirectoryOAuth | null;
  domainAssignmentTargets: string[];
  tokenOverlapSeconds: number;
  rateLimitPerSecond: number | null;
  effectiveRateLimitPerSecond: number | null;
} {
  const rate = settings.rateLimitPerSecond ?? instanceRate;
  return {
    customSchemas: customSchemasOf(settings).map((schema) => ({
      urn: schema.urn,
      name: schema.name,
      attributes: schema.attributes.map((a) => ({
        name: a.name,
        type: a.type as CustomAttributeTypeValue,
        multiValued: a.multiValued,
        caseExact: a.caseExact,
        cardField: (a.cardField ?? null) as CardFieldValue | null,
      })),
    })),
    oauth: settings.oauth ? { tenantId: settings.oauth.tenantId, audience: settings.oauth.audience, refuseStaticToken: settings.oauth.refuseStaticToken === true } : null,
    domainAssignmentTargets: [...(settings.assignmentOrganizationIds ?? [])],
    tokenOverlapSeconds: settings.tokenOverlapSeconds ?? 0,
    rateLimitPerSecond: settings.rateLimitPerSecond ?? null,
    effectiveRateLimitPerSecond: rate > 0 ? rate : null,
  };
}
