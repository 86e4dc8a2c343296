/** Internal: input, enum and result of createPortalLink (issue 13). */
import { Field, GraphQLISODateTime, InputType, ObjectType, registerEnumType } from 'type-graphql';

export enum PortalIntentValue {
  DIRECTORY_SYNC = 'directory-sync',
  CARD_SETTINGS = 'card-settings',
  LOG = 'log',
}
registerEnumType(PortalIntentValue, {
  name: 'PortalIntent',
  description: 'Which page of the admin portal a link opens.',
  valuesConfig: {
    DIRECTORY_SYNC: { description: 'Connecting and watching a directory (Directory Sync).' },
    CARD_SETTINGS: { description: 'Card settings: templates, invites, domain assignment and leavers.' },
    LOG: { description: 'The provisioning log.' },
  },
});

@InputType({ description: 'What a new admin portal link opens.' })
export class CreatePortalLinkInput {
  @Field(() => PortalIntentValue, { nullable: true, defaultValue: PortalIntentValue.DIRECTORY_SYNC, description: 'The page the portal opens at. Defaults to DIRECTORY_SYNC.' })
  intent?: PortalIntentValue | null;

  @Field(() => String, {
    nullable: true,
    description: "Where the portal's Done button returns to: an absolute https URL (http only on localhost). Other URLs are refused with BAD_USER_INPUT.",
  })
  returnUrl?: string | null;
}

@ObjectType({ description: "A single-use link into the admin portal for the caller's organization. The URL is shown once; only its hash is stored." })
export class PortalLink {
  @Field(() => String, { description: 'The absolute URL to open in a browser; it opens one portal session and then stops working.' })
  url!: string;

  @Field(() => GraphQLISODateTime, { description: 'When the link stops working if it was not used (PORTAL_LINK_TTL_SECONDS after it was created).' })
  expiresAt!: Date;

  @Field(() => PortalIntentValue, { description: 'The page the portal opens at.' })
  intent!: PortalIntentValue;

  @Field(() => String, { nullable: true, description: "Where the portal's Done button returns to. Null when none was given." })
  returnUrl!: string | null;
}
