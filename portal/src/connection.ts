/**
 * A directory's connection status in plain words: where the provider is in connecting (waiting for its first request
 * → Test Connection seen → first user → syncing) and, when something is wrong, what and how to fix it.
 */
import type { DirectoryCardFieldsFragment } from './gql/graphql';

export type ConnectionState = 'WAITING_FOR_FIRST_REQUEST' | 'TEST_CONNECTION_SEEN' | 'FIRST_USER' | 'SYNCING' | 'ERROR' | 'DISABLED';

export interface ConnectionProblem {
  code: string;
  message: string;
  fix: string;
}

export interface Connection {
  state: ConnectionState;
  problems: ConnectionProblem[];
}

export const STATE_LABELS: Record<ConnectionState, string> = {
  WAITING_FOR_FIRST_REQUEST: 'Waiting for the first request',
  TEST_CONNECTION_SEEN: 'Test Connection seen',
  FIRST_USER: 'First user provisioned',
  SYNCING: 'Syncing',
  ERROR: 'Needs attention',
  DISABLED: 'Disabled',
};

export const STATE_HINTS: Record<ConnectionState, string> = {
  WAITING_FOR_FIRST_REQUEST: 'Nothing has reached this directory yet. Paste the Tenant URL and Secret Token into your provider and click Test Connection.',
  TEST_CONNECTION_SEEN: 'Your provider reached cardbridge with the right token. Assign users and turn provisioning on.',
  FIRST_USER: 'The first user arrived and got a seat and a card. More follow with each provisioning cycle.',
  SYNCING: 'Your provider is provisioning users. Changes appear here as they arrive.',
  ERROR: 'Your provider’s latest requests were refused. See below for what to change.',
  DISABLED: 'Provisioning is turned off for this directory; its requests are refused until you enable it again.',
};

/** The order of the connecting steps, for the progress list. */
export const STEPS: ConnectionState[] = ['WAITING_FOR_FIRST_REQUEST', 'TEST_CONNECTION_SEEN', 'FIRST_USER', 'SYNCING'];

const REFUSAL_PROBLEMS: Record<string, Omit<ConnectionProblem, 'code'>> = {
  'missing-token': { message: 'Requests arrive without a Secret Token.', fix: 'Paste the Secret Token into the provider’s Secret Token field and save.' },
  'invalid-token': {
    message: 'Requests arrive with a wrong or expired Secret Token.',
    fix: 'Rotate the token here and paste the new one into the provider, then click Test Connection.',
  },
  'wrong-provider': { message: 'Requests use this directory’s token under another provider’s URL.', fix: 'Paste this directory’s Tenant URL exactly as shown.' },
  'static-token-refused': {
    message: 'The Secret Token is refused because this directory accepts only OAuth tokens.',
    fix: 'Turn off “Only OAuth” in the settings, or set up OAuth in the provider.',
  },
  'directory-disabled': { message: 'Requests are refused because this directory is disabled.', fix: 'Enable the directory in its settings.' },
  'rate-limited': {
    message: 'The provider sends more requests per second than allowed.',
    fix: 'Nothing to do: the provider retries. Raise the rate limit if cycles take too long.',
  },
  'concurrency-limit': { message: 'Too many requests arrive at once.', fix: 'Nothing to do: the provider retries later.' },
  'body-budget': { message: 'The server was busy and asked the provider to retry.', fix: 'Nothing to do: the provider retries.' },
};

/** Seats: the most common failure that is the admin's to fix. */
function failureProblem(event: DirectoryCardFieldsFragment['recentEvents'][number]): ConnectionProblem {
  const detail = event.detail ?? `the request answered ${event.status}`;
  if (/seat/i.test(detail)) return { code: 'SEAT_LIMIT', message: `A user could not get a seat: ${detail}`, fix: 'Add seats to your licence, or unassign users in the provider.' };
  if (event.scimType === 'uniqueness')
    return {
      code: 'CONFLICT',
      message: `A user already exists: ${detail}`,
      fix: 'Check the matching attribute: the provider and this directory must identify users by the same attribute.',
    };
  if (event.scimType === 'invalidValue' || event.scimType === 'invalidSyntax')
    return {
      code: 'INVALID_VALUE',
      message: `A request had a value cardbridge cannot take: ${detail}`,
      fix: 'Check the attribute mappings in the provider (and custom attributes in this directory’s settings).',
    };
  return { code: 'REQUEST_FAILED', message: `A request failed: ${detail}`, fix: 'Open the provisioning log below for the request and its answer.' };
}

/**
 * The status from what a directory shows: its status, users, last request and latest events and refusals. A
 * lookup that found nothing (Test Connection's) is a success; refusals older than the latest success are past.
 */
export function connectionOf(directory: DirectoryCardFieldsFragment): Connection {
  if (directory.status === 'DISABLED') return { state: 'DISABLED', problems: [] };
  const latestSuccess = directory.recentEvents.find((e) => e.outcome === 'SUCCESS');
  const successAt = latestSuccess ? Date.parse(latestSuccess.occurredAt) : directory.lastSyncAt ? Date.parse(directory.lastSyncAt) : 0;
  const problems: ConnectionProblem[] = [];
  for (const refused of directory.refusedRequests) {
    if (Date.parse(refused.lastAt) <= successAt || problems.some((p) => p.code === refused.reason)) continue;
    const known = REFUSAL_PROBLEMS[refused.reason] ?? { message: `Requests were refused (${refused.reason}).`, fix: 'Check the Tenant URL and Secret Token in the provider.' };
    problems.push({ code: refused.reason, ...known });
  }
  const latest = directory.recentEvents[0];
  if (latest && latest.outcome === 'FAILURE') problems.push(failureProblem(latest));
  if (problems.length) return { state: 'ERROR', problems };
  if (directory.userCount === 0) return { state: directory.lastSyncAt || latestSuccess ? 'TEST_CONNECTION_SEEN' : 'WAITING_FOR_FIRST_REQUEST', problems };
  if (directory.userCount === 1) return { state: 'FIRST_USER', problems };
  return { state: 'SYNCING', problems };
}
