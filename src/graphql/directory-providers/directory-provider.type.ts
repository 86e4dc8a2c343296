/** Internal: the DirectoryProvider object type (an installed provider plugin, as the admin portal shows it). */
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { MatchingAttributeValue } from '../common/enums.js';

export enum SetupPlaceholderValue {
  TENANT_URL = 'tenantUrl',
  SECRET_TOKEN = 'secretToken',
  DIRECTORY_ID = 'directoryId',
  DIRECTORY_NAME = 'directoryName',
  PUBLIC_URL = 'publicUrl',
  MATCHING_ATTRIBUTE = 'matchingAttribute',
}
registerEnumType(SetupPlaceholderValue, {
  name: 'SetupPlaceholder',
  description: 'A value the portal fills in. In a step’s text it is written in braces with its camel-case name, e.g. {tenantUrl}.',
  valuesConfig: {
    TENANT_URL: { description: 'The directory’s Tenant URL ({tenantUrl}).' },
    SECRET_TOKEN: { description: 'The directory’s Secret Token ({secretToken}). It is shown only once, when the directory is created or its token rotated.' },
    DIRECTORY_ID: { description: 'The directory’s id ({directoryId}).' },
    DIRECTORY_NAME: { description: 'The name the admin gave the directory ({directoryName}).' },
    PUBLIC_URL: { description: 'The public base URL of this cardbridge server ({publicUrl}).' },
    MATCHING_ATTRIBUTE: { description: 'The SCIM attribute the directory identifies users by, userName or externalId ({matchingAttribute}).' },
  },
});

@ObjectType({ description: 'A value the admin copies from the portal into the provider’s console.' })
export class SetupValue {
  @Field(() => String, { description: 'The provider’s own label of the field the value goes into, e.g. Tenant URL.' })
  label!: string;

  @Field(() => SetupPlaceholderValue, { description: 'Which value the portal shows, with a copy button.' })
  placeholder!: SetupPlaceholderValue;
}

@ObjectType({ description: 'A link to the provider’s own documentation.' })
export class SetupLink {
  @Field(() => String, { description: 'Text of the link.' })
  label!: string;

  @Field(() => String, { description: 'An https URL.' })
  url!: string;
}

@ObjectType({ description: 'One step of connecting a directory, done in the provider’s console.' })
export class SetupStep {
  @Field(() => String, { description: 'Short imperative title of the step.' })
  title!: string;

  @Field(() => String, { description: 'What to do, as plain text with line breaks kept (never HTML). Placeholders such as {tenantUrl} are for the client to fill.' })
  body!: string;

  @Field(() => [SetupValue], { description: 'Values to paste in this step, in the order the provider’s console asks for them.' })
  values!: SetupValue[];

  @Field(() => [SetupLink], { description: 'The provider’s own documentation for this step.' })
  links!: SetupLink[];
}

@ObjectType({ description: 'A way the provider can identify users: the SCIM attribute cardbridge matches by and the provider attribute mapped to it.' })
export class MatchingAttributeChoice {
  @Field(() => MatchingAttributeValue, { description: 'The SCIM attribute cardbridge matches users by (a directory’s matchingAttribute setting).' })
  attribute!: MatchingAttributeValue;

  @Field(() => String, { description: 'The provider’s attribute mapped to it, e.g. userPrincipalName.' })
  providerAttribute!: string;

  @Field(() => String, { description: 'When to choose it, in plain words.' })
  description!: string;

  @Field(() => Boolean, { description: 'True for the provider’s default mapping.' })
  isDefault!: boolean;
}

@ObjectType({ description: 'An identity provider a directory can connect from: an installed provider plugin, with what the admin portal shows of it.' })
export class DirectoryProvider {
  @Field(() => String, { description: 'The plugin’s name: the provider of its directories (Directory.provider) and the input of createDirectory.' })
  name!: string;

  @Field(() => String, { description: 'The plugin’s version.' })
  version!: string;

  @Field(() => String, { description: 'The provider’s name as people read it, e.g. Microsoft Entra ID. The plugin’s name when it declares none.' })
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'One or two plain-text sentences on what connecting the provider does. Null when the plugin declares none.' })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'Absolute URL of the provider’s logo (SVG, served by this server under a policy that runs no script). Null without a logo.' })
  logoUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'The provider’s own overview of SCIM provisioning. Null when the plugin names none.' })
  docsUrl!: string | null;

  @Field(() => String, { description: 'Where in the provider’s console the Tenant URL and Secret Token are pasted, e.g. Provisioning → Admin Credentials.' })
  credentialsLocation!: string;

  @Field(() => [SetupStep], { description: 'The steps to follow in the provider’s console, in order. Empty when the plugin declares none.' })
  setupSteps!: SetupStep[];

  @Field(() => [MatchingAttributeChoice], { description: 'The attributes that can identify users, as this provider maps them.' })
  matchingAttributes!: MatchingAttributeChoice[];

  @Field(() => Boolean, { description: 'True when directories of this provider can authenticate with OAuth access tokens the provider issues instead of the Secret Token (updateDirectorySettings’ oauth).' })
  supportsOAuth!: boolean;
}
