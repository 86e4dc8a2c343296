/** Internal: the RefusedRequests object type (refusals of the provisioning log, counted per minute). */
import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Requests under a directory’s Tenant URL that were refused before they were served, counted per minute and reason. They are not provisioning events: a flood of bad requests adds to a count instead of adding rows.',
})
export class RefusedRequests {
  @Field(() => GraphQLISODateTime, { description: 'Start of the minute (UTC) the requests arrived in.' })
  minute!: Date;

  @Field(() => String, {
    description:
      'Why they were refused: missing-token, invalid-token (wrong, rotated out or another directory’s), oauth-token-refused (an OAuth access token of another tenant or audience, or one the directory does not accept), wrong-provider (the directory’s token under another provider’s path), static-token-refused (the Secret Token of a directory that accepts only OAuth tokens), directory-disabled, rate-limited, concurrency-limit, body-budget.',
  })
  reason!: string;

  @Field(() => Int, { description: 'HTTP status answered (401, 403, 429 or 503).' })
  status!: number;

  @Field(() => Int, { description: 'How many requests were refused in that minute for that reason.' })
  count!: number;

  @Field(() => GraphQLISODateTime, { description: 'When the last of them arrived.' })
  lastAt!: Date;
}
