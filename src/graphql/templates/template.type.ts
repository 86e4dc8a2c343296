/** Internal: the Template object type. */
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A card design: fields shown, fields the holder may edit, colours and logo.' })
export class Template {
  @Field(() => ID, { description: 'Id of the template.' })
  id!: string;

  @Field(() => String, { description: 'Name, unique in the organization (case-insensitive).' })
  name!: string;

  @Field(() => [String], { description: 'Fields the card shows: photo, displayName, givenName, familyName, title, department, company, emails, phones, address.' })
  fieldsShown!: string[];

  @Field(() => [String], { description: 'Fields the holder may override with updateMyCard.' })
  editableFields!: string[];

  @Field(() => String, { description: 'Primary colour, #rrggbb.' })
  primaryColor!: string;

  @Field(() => String, { description: 'Accent colour, #rrggbb.' })
  accentColor!: string;

  @Field(() => String, { nullable: true, description: 'The https:// URL of the logo; null when none.' })
  logoUrl!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the template was created.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the template last changed.' })
  updatedAt!: Date;
}
