/**
 * A directory's connection as its admin watches it (issue 13 item 3): where it stands (waiting for the provider's
 * first request → Test Connection seen → first user → syncing, or an error) and what is wrong, in plain words with
 * the fix. The facts come from one statement for any number of directories: the directory row (status, last
 * authenticated request, rotation), its users, its provisioning events (first success, last successful write;
 * failures of the last day grouped by kind, on the failures-only index) and its refused-request counts of the last day.
 */
import { asDate, execute, type Queryable } from '../../db/sql/run.js';
import { sql, statement } from '../../db/sql/fragment.js';
import { seatForecastFor } from '../seats/seat-forecast.rules.js';

export type ConnectionState = 'waitingForFirstRequest' | 'testConnectionSeen' | 'firstUser' | 'syncing' | 'error' | 'disabled';

export type ConnectionProblemCode =
  | 'invalidToken'
  | 'tokenRotatedOut'
  | 'missingToken'
  | 'wrongProvider'
  | 'staticTokenRefused'
  | 'oauthTokenRefused'
  | 'directoryDisabled'
  | 'rateLimited'
  | 'serverOverloaded'
  | 'seatLimitReached'
  | 'userConflict'
  | 'invalidRequest'
  | 'serverError'
  | 'noRecentRequests'
  | 'seatsLow'
  | 'seatsShort';

export interface ConnectionProblem {
  code: ConnectionProblemCode;
  /** error: provisioning does not work until it is fixed; warning: some requests failed or were slowed down. */
  severity: 'error' | 'warning';
  message: string;
  fix: string;
  /** Requests it concerned within the window (refusals and failures of the last 24 hours). */
  count: number;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  /** The latest request's error detail, for failures the server answered (not for refusals). */
  detail: string | null;
}

export interface DirectoryConnectionView {
  directoryId: string;
  state: ConnectionState;
  /** The last request the directory's own token authenticated (whatever the answer). */
  lastRequestAt: Date | null;
  /** The first successful request, e.g. the provider's Test Connection (a lookup of a made-up user). */
  testConnectionAt: Date | null;
  /** When the directory's oldest current user was provisioned. */
  firstUserAt: Date | null;
  /** The last write (create, update, delete) the server carried out for the directory. */
  lastSyncAt: Date | null;
  problems: ConnectionProblem[];
}

/** What the messages name: the provider as people read it, where its credentials are pasted, the Tenant URL. */
export interface ConnectionWording {
  providerName: string;
  credentialsLocation: string;
  tenantUrl: string;
}

/** Refusals and failures older than this are history, not a problem of the connection. */
const WINDOW_HOURS = 24;
/** A syncing directory silent for longer than this gets a warning (Entra's cycles run about every 40 minutes). */
const SILENCE_HOURS = 3;
/** A first user with no request later than this after it is still "first user", not "syncing". */
const FIRST_USER_SETTLE_MS = 60_000;

interface Counted {
  count: number;
  firstAt: string;
  lastAt: string;
}
interface Refusal extends Counted {
  reason: string;
  status: number;
}
interface Failure extends Counted {
  kind: 'seats' | 'conflict' | 'invalid' | 'server';
  detail: string | null;
}

export interface ConnectionFacts {
  id: string;
  status: string;
  lastRequestAt: Date | string | null;
  previousTokenExpiresAt: Date | string | null;
  oauthTenant: string | null;
  oauthAudience: string | null;
  rateLimit: number | null;
  users: number;
  firstUserAt: Date | string | null;
  lastUserAt: Date | string | null;
  testConnectionAt: Date | string | null;
  lastSyncAt: Date | string | null;
  seatLimit: number;
  /** Seats of the organization held by users, and the seats this directory's users in preview mode would claim. */
  seatsUsed: number;
  seatsNeeded: number;
  refusals: Refusal[];
  failures: Failure[];
  now: Date | string;
}

const FACTS = statement<{ organizationId: string; directoryIds: readonly string[]; hours: number }>(
  (p) => sql`select d.id, d.status, d.last_request_at as "lastRequestAt", d.previous_token_expires_at as "previousTokenExpiresAt",
       d.settings -> 'oauth' ->> 'tenantId' as "oauthTenant", d.settings -> 'oauth' ->> 'audience' as "oauthAudience",
       (d.settings ->> 'rateLimitPerSecond')::int as "rateLimit",
       u.users, u.first_at as "firstUserAt", u.last_at as "lastUserAt", o.seat_limit as "seatLimit",
       (select count(s.user_id) from seat s where s.organization_id = d.organization_id)::int as "seatsUsed",
       (case when d.settings ->> 'mode' = 'preview' then (select count(*) from app_user pu where pu.directory_id = d.id
          and pu.organization_id = d.organization_id and not exists (select 1 from seat ps where ps.user_id = pu.id)) else 0 end)::int as "seatsNeeded",
       (select min(e.occurred_at) from provisioning_event e where e.directory_id = d.id and e.outcome = 'success'
          and e.method in ('GET', 'POST', 'PUT', 'PATCH', 'DELETE')) as "testConnectionAt",
       (select max(e.occurred_at) from provisioning_event e where e.directory_id = d.id and e.outcome = 'success'
          and e.method in ('POST', 'PUT', 'PATCH', 'DELETE')) as "lastSyncAt",
       coalesce((select json_agg(r) from (
          select r.reason, r.status, sum(r.count)::int as count, min(r.minute) as "firstAt", max(r.last_at) as "lastAt"
          from refused_request r where r.directory_id = d.id and r.minute >= now() - make_interval(hours => ${p.hours})
          group by r.reason, r.status) r), '[]') as refusals,
       coalesce((select json_agg(f) from (
          select f.kind, count(*)::int as count, min(f.occurred_at) as "firstAt", max(f.occurred_at) as "lastAt",
                 (array_agg(f.detail order by f.occurred_at desc, f.id desc))[1] as detail
          from (select e.id, e.occurred_at, e.detail,
                  case when e.status = 403 and e.resource_type = 'User' and e.operation = 'create' then 'seats'
                       when e.status = 409 then 'conflict'
                       when e.status >= 500 then 'server'
                       when e.status = 400 then 'invalid' end as kind
                from provisioning_event e
                where e.directory_id = d.id and e.outcome = 'failure' and e.occurred_at >= now() - make_interval(hours => ${p.hours})) f
          where f.kind is not null group by f.kind) f), '[]') as failures,
       now() as now
     from directory d
     join organization o on o.id = d.organization_id
     cross join lateral (select count(*)::int as users, min(x.created_at) as first_at, max(x.created_at) as last_at
                         from app_user x where x.directory_id = d.id) u
     where d.organization_id = ${p.organizationId} and d.id = any(${p.directoryIds}::uuid[])`,
);

type ProblemText = Pick<ConnectionProblem, 'code' | 'severity' | 'message' | 'fix'>;

const date = (value: Date | string | null): Date | null => (value === null ? null : asDate(value));
const later = (a: Date | null, b: Date | null): boolean => a !== null && (b === null || a.getTime() > b.getTime());

function refusalProblem(r: Refusal, facts: ConnectionFacts, words: ConnectionWording): ProblemText | null {
  const p = words.providerName;
  const paste = `Paste the current Secret Token in ${p} → ${words.credentialsLocation} and click Test Connection.`;
  const rotatedOutAt = date(facts.previousTokenExpiresAt);
  switch (r.reason) {
    case 'invalid-token':
      if (rotatedOutAt && rotatedOutAt.getTime() <= asDate(facts.now).getTime() && asDate(r.lastAt).getTime() >= rotatedOutAt.getTime()) {
        return { code: 'tokenRotatedOut', severity: 'error', message: `${p} is still using the Secret Token that was replaced; it stopped working at ${rotatedOutAt.toISOString()}, when the rotation's overlap ended.`, fix: paste };
      }
      return { code: 'invalidToken', severity: 'error', message: `${p} is using a token that is not this directory's.`, fix: paste };
    case 'missing-token':
      return { code: 'missingToken', severity: 'error', message: `${p} sends requests without a token.`, fix: `In ${p} → ${words.credentialsLocation}, paste the Secret Token and click Test Connection.` };
    case 'wrong-provider':
      return { code: 'wrongProvider', severity: 'error', message: "Requests with this directory's token arrive at another provider's address.", fix: `Paste this directory's Tenant URL exactly as shown: ${words.tenantUrl}` };
    case 'static-token-refused':
      return {
        code: 'staticTokenRefused',
        severity: 'error',
        message: `${p} sends the Secret Token, but this directory accepts only OAuth access tokens.`,
        fix: `Set up OAuth in ${p}, or allow the Secret Token again in the directory's OAuth settings (refuseStaticToken off).`,
      };
    case 'oauth-token-refused':
      return {
        code: 'oauthTokenRefused',
        severity: 'error',
        message: `${p} sends an OAuth access token this directory does not accept: its tenant, audience or signature does not match.`,
        fix: `Check that the token is issued by tenant ${facts.oauthTenant ?? '(none set)'} for the audience ${facts.oauthAudience ?? '(none set)'}, or correct the directory's OAuth settings.`,
      };
    case 'directory-disabled':
      return { code: 'directoryDisabled', severity: 'error', message: `Provisioning is turned off for this directory in cardbridge, so ${p}'s requests are refused.`, fix: `Enable the directory, or stop provisioning in ${p}.` };
    case 'rate-limited':
    case 'concurrency-limit':
      return {
        code: 'rateLimited',
        severity: 'warning',
        message: `${p} sent requests faster than this directory allows${facts.rateLimit ? ` (${facts.rateLimit} per second)` : ''}; they were answered 429 and ${p} retries them.`,
        fix: 'Nothing to do if syncs finish; otherwise raise the directory’s rate limit.',
      };
    case 'body-budget':
      return { code: 'serverOverloaded', severity: 'warning', message: `The server was too busy for some of ${p}'s requests; they were answered 503 and ${p} retries them.`, fix: 'Nothing to do if it stops; otherwise ask the operator to add capacity.' };
    default:
      return null;
  }
}

function failureProblem(f: Failure, facts: ConnectionFacts, words: ConnectionWording): ProblemText {
  const p = words.providerName;
  switch (f.kind) {
    case 'seats':
      return {
        code: 'seatLimitReached',
        severity: 'error',
        message: `${f.count === 1 ? 'A user' : `${f.count} user creations`} could not be provisioned: all ${facts.seatLimit} seats are in use.`,
        fix: `Raise the seat limit or unassign users in ${p}; ${p} retries the refused users in its next cycle.`,
      };
    case 'conflict':
      return { code: 'userConflict', severity: 'warning', message: `${p} tried to create users or groups that already exist.`, fix: `Check that the matching attribute in ${p}'s mappings is the one this directory identifies users by.` };
    case 'invalid':
      return { code: 'invalidRequest', severity: 'warning', message: `Some of ${p}'s requests were refused as invalid.`, fix: `Check the attribute mappings in ${p} against the latest error.` };
    case 'server':
      return { code: 'serverError', severity: 'warning', message: `Some of ${p}'s requests failed on the server; ${p} retries them.`, fix: 'If it continues, quote the request id from the provisioning log to the operator.' };
  }
}

/**
 * The seat forecast as a warning, before the first refusal (seat-forecast.rules.ts): LOW — fewer free seats than
 * the margin, so the next users will be refused; EXCEEDED — a directory in preview needs more seats than are free.
 */
function seatProblem(facts: ConnectionFacts, words: ConnectionWording): ConnectionProblem | null {
  const forecast = seatForecastFor({ limit: facts.seatLimit, used: facts.seatsUsed, needed: facts.seatsNeeded });
  if (forecast.status === 'ok') return null;
  const p = words.providerName;
  const { limit, used, available, needed, shortfall } = forecast;
  const text: ProblemText =
    forecast.status === 'exceeded'
      ? { code: 'seatsShort', severity: 'warning', message: `Going live needs ${needed} seats, but only ${available} of the ${limit} seats are free.`, fix: `Raise the seat limit by ${shortfall} or unassign users in ${p} before going live.` }
      : {
          code: 'seatsLow',
          severity: 'warning',
          message: needed
            ? `Going live takes ${needed} of the ${available} free seats, leaving ${available - needed} of ${limit}.`
            : `${used} of the ${limit} seats are in use: ${available === 0 ? `the next user ${p} creates will be refused` : `${p} can create ${available} more ${available === 1 ? 'user' : 'users'}, then each new one is refused`}.`,
          fix: `Raise the seat limit before ${p} provisions more users.`,
        };
  return { ...text, count: 0, firstSeenAt: null, lastSeenAt: null, detail: null };
}

/** The state and problems from one directory's facts (pure: the rules the GraphQL field answers by). */
export function connectionOf(facts: ConnectionFacts, words: ConnectionWording): DirectoryConnectionView {
  const now = asDate(facts.now);
  const lastRequestAt = date(facts.lastRequestAt);
  const p = words.providerName;
  const problems: ConnectionProblem[] = [];
  for (const refusal of facts.refusals) {
    // A token problem is over once a request with the directory's own token arrived after it.
    if (refusal.status === 401 && !later(asDate(refusal.lastAt), lastRequestAt)) continue;
    if (refusal.reason === 'directory-disabled' && facts.status === 'active') continue;
    const problem = refusalProblem(refusal, facts, words);
    if (problem) problems.push({ ...problem, count: refusal.count, firstSeenAt: asDate(refusal.firstAt), lastSeenAt: asDate(refusal.lastAt), detail: null });
  }
  for (const failure of facts.failures) {
    // Refused for want of seats and no user provisioned since: still short of seats.
    if (failure.kind === 'seats' && !later(asDate(failure.lastAt), date(facts.lastUserAt))) continue;
    problems.push({ ...failureProblem(failure, facts, words), count: failure.count, firstSeenAt: asDate(failure.firstAt), lastSeenAt: asDate(failure.lastAt), detail: failure.detail });
  }
  if (facts.status !== 'active' && !problems.some((x) => x.code === 'directoryDisabled')) {
    problems.push({ code: 'directoryDisabled', severity: 'error', message: `Provisioning is turned off for this directory in cardbridge: ${p}'s requests are refused.`, fix: `Enable the directory when ${p} should provision again.`, count: 0, firstSeenAt: null, lastSeenAt: null, detail: null });
  }
  const seats = seatProblem(facts, words);
  if (seats && !problems.some((x) => x.code === 'seatLimitReached')) problems.push(seats);
  const firstUserAt = date(facts.firstUserAt);
  const testConnectionAt = date(facts.testConnectionAt);
  let state: ConnectionState;
  if (facts.status !== 'active') state = 'disabled';
  else if (problems.some((x) => x.severity === 'error')) state = 'error';
  else if (!lastRequestAt && !testConnectionAt) state = 'waitingForFirstRequest';
  else if (facts.users === 0) state = 'testConnectionSeen';
  else if (facts.users === 1 && !(lastRequestAt && firstUserAt && lastRequestAt.getTime() - firstUserAt.getTime() > FIRST_USER_SETTLE_MS)) state = 'firstUser';
  else state = 'syncing';
  if (state === 'syncing' && lastRequestAt && now.getTime() - lastRequestAt.getTime() > SILENCE_HOURS * 3_600_000) {
    problems.push({
      code: 'noRecentRequests',
      severity: 'warning',
      message: `No request from ${p} for ${Math.floor((now.getTime() - lastRequestAt.getTime()) / 3_600_000)} hours: provisioning may be paused or in quarantine.`,
      fix: `Check the provisioning status in ${p} and restart provisioning if it stopped.`,
      count: 0,
      firstSeenAt: null,
      lastSeenAt: lastRequestAt,
      detail: null,
    });
  }
  problems.sort((a, b) => (a.severity === b.severity ? (b.lastSeenAt?.getTime() ?? 0) - (a.lastSeenAt?.getTime() ?? 0) : a.severity === 'error' ? -1 : 1));
  return { directoryId: facts.id, state, lastRequestAt, testConnectionAt, firstUserAt, lastSyncAt: date(facts.lastSyncAt), problems };
}

/** The connections of the organization's directories among `directoryIds`, in one statement. */
export async function findDirectoryConnections(
  db: Queryable,
  organizationId: string,
  directoryIds: readonly string[],
  wording: (directoryId: string) => ConnectionWording,
): Promise<Map<string, DirectoryConnectionView>> {
  const rows = await execute<{ organizationId: string; directoryIds: readonly string[]; hours: number }, ConnectionFacts & Record<string, unknown>>(db, FACTS, { organizationId, directoryIds, hours: WINDOW_HOURS });
  return new Map(rows.map((row) => [row.id, connectionOf(row, wording(row.id))]));
}
