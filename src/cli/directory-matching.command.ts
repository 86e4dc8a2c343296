/** `cardbridge directory matching-attribute`: which attribute a directory's users are matched by. */
import { parseArgs } from 'node:util';
import type { Config } from '../config/config.js';
import { updateDirectorySettings } from '../domain/directories/directories.service.js';
import { findDirectory } from '../domain/directories/directories.queries.js';
import { DomainError } from '../domain/errors.js';
import { isMatchingAttribute, MATCHING_ATTRIBUTES } from '../domain/directories/directory.rules.js';
import { UsageError, type CliIo } from './io.js';
import { withDatabase } from './with-database.js';

export const MATCHING_USAGE = '  cardbridge directory matching-attribute --directory <id> [--set <userName|externalId>] [--json]';

/** Prints the directory's matching attribute, or sets it (the same rules as GraphQL's updateDirectorySettings). */
export async function matchingAttributeCommand(args: string[], config: Config, io: CliIo): Promise<void> {
  const { values } = parseArgs({ args, options: { directory: { type: 'string' }, set: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  if (!values.directory) throw new UsageError(`missing --directory\nUsage:\n${MATCHING_USAGE}`);
  if (values.set !== undefined && !isMatchingAttribute(values.set)) {
    throw new UsageError(`--set must be one of ${MATCHING_ATTRIBUTES.join(', ')}, got "${values.set}"`);
  }
  const directoryId = values.directory;
  const result = await withDatabase(config, async ({ pool, orm }) => {
    const before = await findDirectory(pool, directoryId);
    if (!before) throw new DomainError('NOT_FOUND', `directory ${directoryId} does not exist`);
    if (values.set !== undefined) await updateDirectorySettings(orm.em, before.organizationId, directoryId, { matchingAttribute: values.set as 'userName' | 'externalId' }, undefined);
    const after = (await findDirectory(pool, directoryId)) ?? before;
    return { name: after.name, previous: before.settings.matchingAttribute ?? 'userName', matchingAttribute: after.settings.matchingAttribute ?? 'userName' };
  });
  if (values.json) {
    io.out(JSON.stringify({ directoryId, matchingAttribute: result.matchingAttribute, previous: result.previous }));
    return;
  }
  const changed = values.set !== undefined && result.previous !== result.matchingAttribute;
  io.out(
    changed
      ? `Directory "${result.name}" now matches users by ${result.matchingAttribute} (was ${result.previous}). Set the same matching attribute in the provider's attribute mappings.`
      : `Directory "${result.name}" matches users by ${result.matchingAttribute}.`,
  );
}
