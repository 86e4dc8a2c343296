/** Internal: inputs and payloads of the template mutations and group template rules. */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Group } from '../groups/group.type.js';
import { Template } from './template.type.js';

@InputType({ description: 'A new card design.' })
export class CreateTemplateInput {
  @Field(() => String, { description: 'Name, 1–100 characters, unique in the organization.' })
  name!: string;

  @Field(() => [String], { nullable: true, description: 'Fields shown (default: photo, title, department, company, emails, phones, address).' })
  fieldsShown?: string[];

  @Field(() => [String], { nullable: true, description: 'Fields the holder may edit (default: none).' })
  editableFields?: string[];

  @Field(() => String, { nullable: true, description: 'Primary colour, #rrggbb.' })
  primaryColor?: string;

  @Field(() => String, { nullable: true, description: 'Accent colour, #rrggbb.' })
  accentColor?: string;

  @Field(() => String, { nullable: true, description: 'An https:// URL of the logo (other schemes are refused with BAD_USER_INPUT).' })
  logoUrl?: string | null;
}

@InputType({ description: 'Changes to a card design; omitted fields stay. Cards using it follow at once.' })
export class UpdateTemplateInput {
  @Field(() => ID, { description: 'The template.' })
  templateId!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string;

  @Field(() => [String], { nullable: true, description: 'Fields shown.' })
  fieldsShown?: string[];

  @Field(() => [String], { nullable: true, description: 'Fields the holder may edit.' })
  editableFields?: string[];

  @Field(() => String, { nullable: true, description: 'Primary colour, #rrggbb.' })
  primaryColor?: string;

  @Field(() => String, { nullable: true, description: 'Accent colour, #rrggbb.' })
  accentColor?: string;

  @Field(() => String, { nullable: true, description: 'An https:// URL of the logo (other schemes are refused with BAD_USER_INPUT); null removes it.' })
  logoUrl?: string | null;
}

@ObjectType({ description: 'The created or changed template.' })
export class TemplatePayload {
  @Field(() => Template, { description: 'The template.' })
  template!: object;
}

@ObjectType({ description: 'Result of deleteTemplate.' })
export class DeleteTemplatePayload {
  @Field(() => ID, { description: 'Id of the deleted template; its cards re-picked their template.' })
  deletedTemplateId!: string;
}

@InputType({ description: 'A group → template rule: members of the group get the template (highest priority wins).' })
export class SetGroupTemplateInput {
  @Field(() => ID, { description: 'The group.' })
  groupId!: string;

  @Field(() => ID, { nullable: true, description: 'The template; null removes the rule.' })
  templateId!: string | null;

  @Field(() => Int, { defaultValue: 0, description: 'Priority among the user’s groups; higher wins.' })
  priority!: number;
}

@ObjectType({ description: 'Result of setGroupTemplate.' })
export class SetGroupTemplatePayload {
  @Field(() => Group, { description: 'The group with its rule.' })
  group!: object;

  @Field(() => Int, { description: 'Cards of members whose template changed.' })
  cardsUpdated!: number;
}
