/** Internal: the Group object type. */
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../common/connection.js';

@ObjectType({ description: 'A group provisioned by a directory; may select a card template for its members.' })
export class Group {
  @Field(() => ID, { description: 'Id of the group.' })
  id!: string;

  @Field(() => String, { description: 'Name of the group in the directory.' })
  displayName!: string;

  @Field(() => String, { nullable: true, description: "The directory's external id of the group." })
  externalId!: string | null;

  @Field(() => Int, { description: 'Priority of the template rule: among a user’s groups with a template, the highest wins.' })
  templatePriority!: number;

  @Field(() => Int, { description: 'Number of members.' })
  memberCount!: number;

  @Field(() => GraphQLISODateTime, { description: 'When the group was created.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the group last changed.' })
  updatedAt!: Date;
}

export const GroupConnection = connectionType(Group, 'Group', 'group');
