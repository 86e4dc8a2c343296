/** Internal: the DirectoryConnection object type (a directory's live connection status) and its enums. */
import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ConnectionStateValue {
  WAITING_FOR_FIRST_REQUEST = 'waitingForFirstRequest',
  TEST_CONNECTION_SEEN = 'testConnectionSeen',
  FIRST_USER = 'firstUser',
  SYNCING = 'syncing',
  ERROR = 'error',
  DISABLED = 'disabled',
}
registerEnumType(ConnectionStateValue, {
  name: 'ConnectionState',
  description: 'Where a directory’s connection stands, in the order a new directory goes through them; ERROR and DISABLED can come at any point.',
  valuesConfig: {
    WAITING_FOR_FIRST_REQUEST: { description: 'No request with the directory’s token has arrived yet: paste the Tenant URL and Secret Token into the provider and test the connection.' },
    TEST_CONNECTION_SEEN: { description: 'The provider reached the directory with its token (e.g. Entra’s Test Connection), but no user is provisioned yet.' },
    FIRST_USER: { description: 'The first user is provisioned, and the provider has sent nothing more than a minute after it.' },
    SYNCING: { description: 'The provider provisions users and keeps sending its cycles.' },
    ERROR: { description: 'Provisioning does not work until a problem is fixed; see problems.' },
    DISABLED: { description: 'The directory is disabled in cardbridge: its requests are refused.' },
  },
});

export enum ConnectionProblemCodeValue {
  INVALID_TOKEN = 'invalidToken',
  TOKEN_ROTATED_OUT = 'tokenRotatedOut',
  MISSING_TOKEN = 'missingToken',
  WRONG_PROVIDER = 'wrongProvider',
  STATIC_TOKEN_REFUSED = 'staticTokenRefused',
  OAUTH_TOKEN_REFUSED = 'oauthTokenRefused',
  DIRECTORY_DISABLED = 'directoryDisabled',
  RATE_LIMITED = 'rateLimited',
  SERVER_OVERLOADED = 'serverOverloaded',
  SEAT_LIMIT_REACHED = 'seatLimitReached',
  USER_CONFLICT = 'userConflict',
  INVALID_REQUEST = 'invalidRequest',
  SERVER_ERROR = 'serverError',
  NO_RECENT_REQUESTS = 'noRecentRequests',
  SEATS_LOW = 'seatsLow',
  SEATS_SHORT = 'seatsShort',
}
registerEnumType(ConnectionProblemCodeValue, {
  name: 'ConnectionProblemCode',
  description: 'What is wrong with a directory’s connection.',
  valuesConfig: {
    INVALID_TOKEN: { description: 'Requests carry a token that is not the directory’s (wrong, old or another directory’s).' },
    TOKEN_ROTATED_OUT: { description: 'Requests carry the Secret Token a rotation replaced, after its overlap ended.' },
    MISSING_TOKEN: { description: 'Requests carry no bearer token.' },
    WRONG_PROVIDER: { description: 'The directory’s token arrives under another provider’s Tenant URL.' },
    STATIC_TOKEN_REFUSED: { description: 'The Secret Token arrives while the directory accepts only OAuth access tokens.' },
    OAUTH_TOKEN_REFUSED: { description: 'An OAuth access token arrives that the directory does not accept (tenant, audience or signature).' },
    DIRECTORY_DISABLED: { description: 'The directory is disabled, so its requests are refused.' },
    RATE_LIMITED: { description: 'Requests came faster than the directory’s rate or concurrency limit and were answered 429.' },
    SERVER_OVERLOADED: { description: 'The server was too busy for some requests and answered 503.' },
    SEAT_LIMIT_REACHED: { description: 'Users could not be provisioned because every seat is in use.' },
    USER_CONFLICT: { description: 'The provider tried to create users or groups that already exist (409).' },
    INVALID_REQUEST: { description: 'Requests were refused as invalid (400), usually because of an attribute mapping.' },
    SERVER_ERROR: { description: 'Requests failed on the server (5xx).' },
    NO_RECENT_REQUESTS: { description: 'A syncing directory has sent nothing for more than three hours.' },
    SEATS_LOW: { description: 'Fewer free seats are left than the seat forecast’s warning margin (5 % of the limit, at least 1): the next users will be refused unless the limit is raised. A warning before the first refusal.' },
    SEATS_SHORT: { description: 'The directory is in preview mode and going live needs more seats than are free.' },
  },
});

export enum ProblemSeverityValue {
  ERROR = 'error',
  WARNING = 'warning',
}
registerEnumType(ProblemSeverityValue, {
  name: 'ProblemSeverity',
  description: 'How much a connection problem matters.',
  valuesConfig: {
    ERROR: { description: 'Provisioning does not work until it is fixed.' },
    WARNING: { description: 'Some requests failed or were slowed down; provisioning goes on.' },
  },
});

@ObjectType({ description: 'Something wrong with a directory’s connection, in plain words, with the fix.' })
export class ConnectionProblem {
  @Field(() => ConnectionProblemCodeValue, { description: 'What kind of problem it is.' })
  code!: ConnectionProblemCodeValue;

  @Field(() => ProblemSeverityValue, { description: 'Whether provisioning is stopped by it or goes on.' })
  severity!: ProblemSeverityValue;

  @Field(() => String, { description: 'What is wrong, in a sentence an IT admin understands.' })
  message!: string;

  @Field(() => String, { description: 'What to do about it, naming the place in the provider’s console.' })
  fix!: string;

  @Field(() => Int, { description: 'How many requests it concerned in the last 24 hours (0 for a problem that is a state, such as a disabled directory).' })
  count!: number;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was first seen in the last 24 hours. Null for a problem that is a state.' })
  firstSeenAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was last seen. Null for a problem that is a state.' })
  lastSeenAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The error detail the server answered the latest such request with. Null for refusals, which are not served.' })
  detail!: string | null;
}

@ObjectType('DirectoryConnectionStatus', { description: 'A directory’s connection to its provider as it stands now, computed from the provisioning log and the refused-request counts on every read.' })
export class DirectoryConnection {
  @Field(() => ConnectionStateValue, { description: 'Where the connection stands.' })
  state!: ConnectionStateValue;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When a request with the directory’s own token last arrived, whatever the answer (the same as Directory.lastSyncAt). Null before the first.' })
  lastRequestAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the directory’s first successful request arrived, e.g. Entra’s Test Connection (a lookup of a made-up userName). Null before it, or once the log no longer holds it.' })
  testConnectionAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the directory’s oldest current user was provisioned. Null while it has none.' })
  firstUserAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When a write of the directory (create, update or delete of a user or group) last succeeded. Null before the first.' })
  lastSyncAt!: Date | null;

  @Field(() => [ConnectionProblem], { description: 'What is wrong now, errors first, newest first. Token problems end when a request with the directory’s own token arrives after them; the others are those of the last 24 hours.' })
  problems!: ConnectionProblem[];
}
