/** Internal: user filters, sort and the user mutations' inputs and payloads. */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { RoleValue, SortDirection, UserSortField, UserSourceValue } from '../common/enums.js';
import { User } from './user.type.js';

@InputType({ description: 'Narrows a list of users; all given conditions must hold.' })
export class UserFilterInput {
  @Field(() => String, { nullable: true, description: 'Case-insensitive text in name, e-mail, userName, title or department.' })
  text?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or deactivated (false) users.' })
  active?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only members of this group.' })
  groupId?: string;

  @Field(() => UserSourceValue, { nullable: true, description: 'Only users from a directory or added by hand.' })
  source?: UserSourceValue;

  @Field(() => ID, { nullable: true, description: 'Only users of this directory.' })
  directoryId?: string;

  @Field(() => RoleValue, { nullable: true, description: 'Only users with this role.' })
  role?: RoleValue;
}

@InputType({ description: 'Order of a list of users.' })
export class UserSortInput {
  @Field(() => UserSortField, { defaultValue: UserSortField.CREATED_AT, description: 'What to order by.' })
  field!: UserSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Direction.' })
  direction!: SortDirection;
}

@InputType({ description: 'People to invite by e-mail.' })
export class InviteUsersInput {
  @Field(() => [String], { description: 'The e-mail addresses, 1–100. New addresses become manual users with the role below; existing users with the address are invited too, unless they already accepted.' })
  emails!: string[];

  @Field(() => RoleValue, { defaultValue: RoleValue.MEMBER, description: 'Role of users created by the invite (not owner).' })
  role!: RoleValue;
}

@ObjectType({ description: 'Result of inviteUsers.' })
export class InviteUsersPayload {
  @Field(() => [User], { description: 'Users whose invite e-mail will be sent.' })
  users!: object[];

  @Field(() => [String], { description: 'Addresses skipped because their user already accepted an invite.' })
  alreadyAccepted!: string[];
}

@InputType({ description: 'Whose invite to send again.' })
export class ResendInvitesInput {
  @Field(() => [ID], { nullable: true, description: 'Users to re-invite; omit for every user who has not accepted yet.' })
  userIds?: string[];

  @Field(() => ID, { nullable: true, description: 'Re-invite every user of this directory who has not accepted yet (in one statement, however many). Not together with userIds.' })
  directoryId?: string;
}

@ObjectType({ description: 'Result of resendInvites.' })
export class ResendInvitesPayload {
  @Field(() => Int, { description: 'How many invites will be sent again (accepted and never-invited users are skipped).' })
  count!: number;

  @Field(() => [User], { description: 'Users whose invite will be sent again.' })
  users!: object[];
}

@ObjectType({ description: 'Result of deleteUser.' })
export class DeleteUserPayload {
  @Field(() => ID, { description: 'Id of the deleted user.' })
  deletedUserId!: string;

  @Field(() => ID, { nullable: true, description: 'Id of the card deleted with the user, if any.' })
  deletedCardId!: string | null;

  @Field(() => Boolean, { description: 'True when the user held a seat, which is free again.' })
  freedSeat!: boolean;
}

@InputType({ description: 'A new role for a user.' })
export class SetUserRoleInput {
  @Field(() => ID, { description: 'The user.' })
  userId!: string;

  @Field(() => RoleValue, { description: 'The role.' })
  role!: RoleValue;
}

@ObjectType({ description: 'Result of setUserRole.' })
export class SetUserRolePayload {
  @Field(() => User, { description: 'The user with the new role.' })
  user!: object;
}
