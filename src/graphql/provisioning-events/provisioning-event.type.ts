/** Internal: the ProvisioningEvent object type. */
import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { EventOutcomeValue } from '../common/enums.js';
import { connectionType } from '../common/connection.js';

@ObjectType({ description: 'One entry of the provisioning log: a SCIM request a directory made and its outcome, or a background job (method JOB: invite e-mail, photo sync) or a Sign in with Microsoft binding (method SIGN_IN) concerning one of its users.' })
export class ProvisioningEvent {
  @Field(() => ID, { description: 'Id of the event; ids increase in the order events are recorded.' })
  id!: string;

  @Field(() => ID, { description: 'Id of the directory the event belongs to.' })
  directoryId!: string;

  @Field(() => GraphQLISODateTime, { description: 'When the request arrived (or the job or sign-in ran).' })
  occurredAt!: Date;

  @Field(() => String, { nullable: true, description: 'The request id (the x-request-id header of the response); null for jobs and sign-ins.' })
  requestId!: string | null;

  @Field(() => String, { description: 'What was done, e.g. createUser, patchGroup, listUsers; invite-email and photo-sync for jobs; microsoft-bind and microsoft-rebind for sign-ins.' })
  operation!: string;

  @Field(() => String, { description: 'The HTTP method of a SCIM request; JOB for a background job, SIGN_IN for a Sign in with Microsoft binding.' })
  method!: string;

  @Field(() => String, { description: 'The request path of a SCIM request; for a job what it talked to (smtp, outbox or the Microsoft Graph path); /graphql for a sign-in.' })
  path!: string;

  @Field(() => String, { nullable: true, description: 'The kind of resource concerned, User or Group; null when none.' })
  resourceType!: string | null;

  @Field(() => String, { nullable: true, description: 'Id of the user or group concerned; null when none.' })
  resourceId!: string | null;

  @Field(() => EventOutcomeValue, { description: 'Whether it succeeded.' })
  outcome!: EventOutcomeValue;

  @Field(() => Int, { description: 'The HTTP status answered; for a job the remote status (Microsoft Graph’s HTTP status, the SMTP reply code) or 502 when there was no answer.' })
  status!: number;

  @Field(() => String, { nullable: true, description: 'SCIM error type of a failure (RFC 7644 §3.12).' })
  scimType!: string | null;

  @Field(() => String, { nullable: true, description: 'The error detail of a failure, or a note on a success (e.g. how many members a group PATCH added and removed, what a job or sign-in did); never a secret or a token. Null when there is nothing to add.' })
  detail!: string | null;

  @Field(() => Float, { description: 'Server time spent, in milliseconds.' })
  durationMs!: number;
}

export const ProvisioningEventConnection = connectionType(ProvisioningEvent, 'ProvisioningEvent', 'provisioning event');
