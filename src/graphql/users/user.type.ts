/** Internal: the User object type (relations are field resolvers in users/user-fields.resolver.ts). */
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { InviteStatusValue, RoleValue, UserSourceValue } from '../common/enums.js';
import { connectionType } from '../common/connection.js';

@ObjectType({ description: 'A person in the organization: provisioned by a directory or added by hand.' })
export class User {
  @Field(() => ID, { description: 'Stable id of the user.' })
  id!: string;

  @Field(() => String, { nullable: true, description: "The directory's userName (e.g. the Entra userPrincipalName); null for manual users." })
  userName!: string | null;

  @Field(() => String, { nullable: true, description: 'Primary e-mail address (lowercase).' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Name shown on the card.' })
  displayName!: string | null;

  @Field(() => String, { nullable: true, description: 'Given name.' })
  givenName!: string | null;

  @Field(() => String, { nullable: true, description: 'Family name.' })
  familyName!: string | null;

  @Field(() => String, { nullable: true, description: 'Job title.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Department.' })
  department!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Preferred languages as the directory sent them (SCIM preferredLanguage, RFC 7643 §4.1.1): an Accept-Language value such as "de-DE" or "de-DE, en;q=0.8". Null when the directory sends none (and for manual users).',
  })
  preferredLanguage!: string | null;

  @Field(() => Boolean, { description: 'False when the directory deactivated the user (the card is kept; it is suspended unless the directory keeps leavers public).' })
  active!: boolean;

  @Field(() => RoleValue, { description: 'What the user may do in the card product.' })
  role!: RoleValue;

  @Field(() => UserSourceValue, { description: 'Whether the user was provisioned by a directory or added by hand.' })
  origin!: UserSourceValue;

  @Field(() => InviteStatusValue, { description: 'Where the invite e-mail stands.' })
  inviteStatus!: InviteStatusValue;

  @Field(() => GraphQLISODateTime, { description: 'When the user was created.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the user last changed.' })
  updatedAt!: Date;
}

export const UserConnection = connectionType(User, 'User', 'user');

@ObjectType({ description: 'A licence seat held by a user.' })
export class Seat {
  @Field(() => ID, { description: 'Id of the seat.' })
  id!: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the user took the seat.' })
  claimedAt!: Date | null;
}
