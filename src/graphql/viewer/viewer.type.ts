/** Internal: the Viewer object type. */
import { Field, ID, ObjectType } from 'type-graphql';
import { RoleValue } from '../common/enums.js';

@ObjectType({ description: 'Who is calling: the signed-in user or service token, its organization and role.' })
export class ViewerType {
  @Field(() => ID, { nullable: true, description: 'The signed-in user; null for service tokens that belong to nobody.' })
  userId!: string | null;

  @Field(() => RoleValue, { description: 'The role the caller acts with.' })
  role!: RoleValue;

  @Field(() => String, { description: 'How the caller signed in: token (product token), microsoft (Sign in with Microsoft) or portal (an admin portal session).' })
  signInMethod!: string;

  @Field(() => [String], { description: 'What the caller may do, e.g. user:read, directory:manage (see docs/graphql.md).' })
  permissions!: string[];
}
