/** Internal: an event's request and response as the admin portal shows them (`ProvisioningEvent.request` / `.response`). */
import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { ProvisioningEventView } from '../../domain/provisioning-log/provisioning-events.queries.js';
import { EventOutcomeValue } from '../common/enums.js';
import type { GraphQLContext } from '../context.js';
import { ProvisioningEvent } from './provisioning-event.type.js';

@ObjectType({
  description:
    'What a directory asked. The request body is not stored (it may hold personal data beyond what the card needs); what a write did is in the response’s detail, e.g. how many members a group PATCH added and removed.',
})
export class EventRequest {
  @Field(() => String, { description: 'The HTTP method (JOB for a background job, SIGN_IN for a Sign in with Microsoft binding).' })
  method!: string;

  @Field(() => String, { description: 'The request path, without the query string (a filter may quote personal data, so it is not stored).' })
  path!: string;

  @Field(() => String, { description: 'What was asked, e.g. create, patch, replace, delete, read or list.' })
  operation!: string;

  @Field(() => String, { nullable: true, description: 'The kind of resource concerned, User or Group. Null when none.' })
  resourceType!: string | null;

  @Field(() => String, { nullable: true, description: 'Id of the user or group concerned. Null when none.' })
  resourceId!: string | null;

  @Field(() => String, { nullable: true, description: 'The request id, also in the x-request-id header of the response. Null for jobs and sign-ins.' })
  requestId!: string | null;
}

@ObjectType({ description: 'How cardbridge answered a request, with the error in plain words.' })
export class EventResponse {
  @Field(() => Int, { description: 'The HTTP status answered.' })
  status!: number;

  @Field(() => EventOutcomeValue, { description: 'Whether it succeeded.' })
  outcome!: EventOutcomeValue;

  @Field(() => String, { nullable: true, description: 'The SCIM error type of a failure (RFC 7644 §3.12). Null for a success or an error without one.' })
  scimType!: string | null;

  @Field(() => String, { nullable: true, description: 'The error detail answered, or a note on a success. Never a secret or a token. Null when there is nothing to add.' })
  detail!: string | null;

  @Field(() => String, { description: 'What the status means, in plain words, e.g. "Refused: no seat was left for a new user."' })
  summary!: string;
}

/** What a status means to an IT admin reading the log. */
export function summarize(event: Pick<ProvisioningEventView, 'status' | 'outcome' | 'scimType' | 'operation' | 'resourceType'>): string {
  const what = event.resourceType === 'Group' ? 'group' : event.resourceType === 'User' ? 'user' : 'request';
  if (event.outcome === 'success') {
    if (event.status === 201) return `Done: the ${what} was created.`;
    if (event.status === 204 && event.operation === 'delete') return `Done: the ${what} was deleted.`;
    return 'Done.';
  }
  switch (event.status) {
    case 400:
      return event.scimType ? `Refused as invalid (${event.scimType}): the request does not fit the directory’s schema or the SCIM rules.` : 'Refused as invalid.';
    case 401:
      return 'Refused: the token is not valid for this directory.';
    case 403:
      return event.resourceType === 'User' && event.operation === 'create' ? 'Refused: no seat was left for a new user.' : 'Refused: the directory may not do this.';
    case 404:
      return `Not found: no such ${what} in this directory (it may have been deleted).`;
    case 409:
      return `Refused: a ${what} with the same identifier already exists.`;
    case 412:
      return `Refused: the ${what} changed since the provider last read it (ETag mismatch); the provider reads it again and retries.`;
    case 413:
      return 'Refused: the request is too large.';
    case 429:
      return 'Slowed down: too many requests at once; the provider retries.';
    default:
      return event.status >= 500 ? 'Failed on the server; the provider retries. Quote the request id to the operator if it persists.' : `Failed with status ${event.status}.`;
  }
}

@Resolver(() => ProvisioningEvent)
export class EventExchangeResolver {
  @FieldResolver(() => EventRequest, { description: 'What the directory asked: method, path, operation and the resource concerned.' })
  request(@Root() event: ProvisioningEventView, @Ctx() _ctx: GraphQLContext): EventRequest {
    return { method: event.method, path: event.path, operation: event.operation, resourceType: event.resourceType ?? null, resourceId: event.resourceId ?? null, requestId: event.requestId ?? null };
  }

  @FieldResolver(() => EventResponse, { description: 'How cardbridge answered: status, outcome, the error detail and what it means in plain words.' })
  response(@Root() event: ProvisioningEventView, @Ctx() _ctx: GraphQLContext): EventResponse {
    return { status: event.status, outcome: event.outcome as EventOutcomeValue, scimType: event.scimType ?? null, detail: event.detail ?? null, summary: summarize(event) };
  }
}
