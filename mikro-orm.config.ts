// For the MikroORM CLI (`npx mikro-orm …`): the same options the server uses, built from the validated config.
// Without DATABASE_URL it expects the embedded database to be running (`npm start`) and reads its credentials.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './src/config/config.js';
import { ormOptions } from './src/db/orm.js';

const config = loadConfig();

function embeddedUrl(): string {
  const credentials = JSON.parse(readFileSync(join(config.dataDir, 'postgres-credentials.json'), 'utf8')) as { user: string; password: string };
  const port = readFileSync(join(config.dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3];
  return `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/cardbridge`;
}

export default ormOptions({ url: config.databaseUrl?.reveal() ?? embeddedUrl() });
