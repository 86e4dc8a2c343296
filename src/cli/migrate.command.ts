import type { Config } from '../config/config.js';
import type { CliIo } from './io.js';
import { withDatabase } from './with-database.js';

/** `cardbridge migrate`: applies pending migrations and says which. */
export async function migrateCommand(_args: string[], config: Config, io: CliIo): Promise<void> {
  const applied = await withDatabase(config, async ({ applied }) => applied);
  io.out(applied.length ? `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}`).join('\n')}` : 'The database is up to date.');
}
