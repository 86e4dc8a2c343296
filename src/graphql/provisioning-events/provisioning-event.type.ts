/** Internal: the ProvisioningEvent object type. */
import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { EventOutcomeValue } from '../common/enums.js';
import { connectionType } from '../common/connection.js';

@ObjectType({ description: 'One request a directory made and its outcome: the provisioning log.' })
export class ProvisioningEvent {
  @Field(() => ID, { description: 'Id of the event (increasing).' })
  id!: string;

  @Field(() => ID, { description: 'The directory that made the request.' })
  directoryId!: string;

  @Field(() => GraphQLISODateTime, { description: 'When the request was made.' })
  occurredAt!: Date;

  @Field(() => String, { nullable: true, description: 'Request id (the x-request-id header of the response).' })
  requestId!: string | null;

  @Field(() => String, { description: 'What was asked, e.g. createUser, patchGroup, listUsers.' })
  operation!: string;

  @Field(() => String, { description: 'HTTP method.' })
  method!: string;

  @Field(() => String, { description: 'Request path.' })
  path!: string;

  @Field(() => String, { nullable: true, description: 'User or Group.' })
  resourceType!: string | null;

  @Field(() => String, { nullable: true, description: 'Id of the resource concerned.' })
  resourceId!: string | null;

  @Field(() => EventOutcomeValue, { description: 'Success or failure.' })
  outcome!: EventOutcomeValue;

  @Field(() => Int, { description: 'HTTP status answered.' })
  status!: number;

  @Field(() => String, { nullable: true, description: 'SCIM error type of a failure (RFC 7644 §3.12).' })
  scimType!: string | null;

  @Field(() => String, { nullable: true, description: 'Error detail of a failure.' })
  detail!: string | null;

  @Field(() => Float, { description: 'Server time spent, in milliseconds.' })
  durationMs!: number;
}

export const ProvisioningEventConnection = connectionType(ProvisioningEvent, 'ProvisioningEvent', 'provisioning event');
