/**
 * One module owns every writer of the provisioning log (issue 15): outside src/domain/provisioning-log/ no module
 * inserts into, updates or deletes from `provisioning_event`, and none builds statements on its table mapping. A
 * one-statement write of users or groups records its event with the fragment the module gives (eventInsertFrom).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const OWNER = 'src/domain/provisioning-log/';

/** A statement that writes the table, by name, in any case and across line breaks. */
const WRITES = /\b(insert\s+into|update|delete\s+from|truncate(\s+table)?|merge\s+into|copy)\s+(only\s+)?(public\.)?"?provisioning_event"?(?![\w$])/i;
/** The table's mapping or the entity's table name spliced into SQL: only the owner builds statements on them. */
const MAPPING = /provisioning-log\/provisioning-event\.table(\.js)?['"]|EntityTable\(\s*ProvisioningEvent\b/;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Files outside the owner that write `provisioning_event` or build statements on its mapping, with the line. */
function strayWriters(files: readonly { path: string; text: string }[]): string[] {
  return files.flatMap(({ path, text }) => {
    if (path.startsWith(OWNER)) return [];
    const found: string[] = [];
    const write = WRITES.exec(text);
    if (write) found.push(`${path}:${text.slice(0, write.index).split('\n').length}: ${write[0].replace(/\s+/g, ' ')}`);
    const mapping = MAPPING.exec(text);
    if (mapping) found.push(`${path}:${text.slice(0, mapping.index).split('\n').length}: ${mapping[0]}`);
    return found;
  });
}

describe('the provisioning log has one writer module (issue 15)', () => {
  it('no module outside src/domain/provisioning-log writes provisioning_event', () => {
    const files = sources('src').map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
    expect(files.length).toBeGreaterThan(100);
    expect(strayWriters(files)).toEqual([]);
  });

  it('sees a planted writer of each kind, and leaves readers and the owner alone', () => {
    const planted = [
      { path: 'src/jobs/x.ts', text: "await db.query(`insert into provisioning_event (operation) values ('x')`);" },
      { path: 'src/graphql/y.ts', text: "const q = `with d as (\n  DELETE FROM\n  provisioning_event e where e.id = $1)`;" },
      { path: 'src/plugin-host/z.ts', text: "run(db, 'update provisioning_event set detail = null');" },
      { path: 'src/cli/w.ts', text: "import { provisioningEvents } from '../domain/provisioning-log/provisioning-event.table.js';" },
      { path: 'src/domain/users/reader.ts', text: "select e.id from provisioning_event e where e.resource_id = $1; -- after delete on provisioning_event" },
      { path: `${OWNER}write-events.ts`, text: 'insert into provisioning_event (organization_id) values ($1)' },
    ];
    const found = strayWriters(planted);
    expect(found).toEqual([
      'src/jobs/x.ts:1: insert into provisioning_event',
      'src/graphql/y.ts:2: DELETE FROM provisioning_event',
      'src/plugin-host/z.ts:1: update provisioning_event',
      "src/cli/w.ts:1: provisioning-log/provisioning-event.table.js'",
    ]);
  });
});
