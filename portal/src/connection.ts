/**
 * A directory's connection status in plain words (Directory.connection, computed by the server): where the provider
 * is in connecting (waiting for its first request → Test Connection seen → first user → syncing).
 */
import type { ConnectionState, DirectoryCardFieldsFragment } from './gql/graphql';

export type { ConnectionState };

export type Connection = DirectoryCardFieldsFragment['connection'];

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
  ERROR: 'Provisioning does not work until the problem below is fixed.',
  DISABLED: 'Provisioning is turned off for this directory; its requests are refused until you enable it again.',
};

/** The order of the connecting steps, for the progress list. */
export const STEPS: ConnectionState[] = ['WAITING_FOR_FIRST_REQUEST', 'TEST_CONNECTION_SEEN', 'FIRST_USER', 'SYNCING'];
