// Benchmark harness (issue 8): the raw baseline — the same rows written and read with plain `pg`, as tight as
// it can be: named prepared statements, one round trip per operation where SQL allows it (a data-modifying CTE is
// one statement and one transaction), one connection per concurrent worker. It is the limit, not a straw man.
import { randomBytes } from 'node:crypto';
import { createUserBody, userProfile } from './entra.js';

const USER_COLUMNS = 'id, organization_id, directory_id, user_name, external_id, active, attributes, version, created_at, updated_at';
// A SCIM User carries its groups unless the client excludes them; cardbridge reads them, so the baseline does too.
const USER_GROUPS = `(select coalesce(json_agg(json_build_object('value', g.id, 'display', g.display_name) order by g.display_name), '[]'::json)
    from group_member gm join scim_group g on g.id = gm.group_id where gm.user_id = app_user.id) as groups`;

export const RAW_SQL = {
  lookupUser: `select ${USER_COLUMNS}, ${USER_GROUPS} from app_user where directory_id = $1 and lower(user_name) = lower($2)`,
  // One transaction per user: user + seat claim (SKIP LOCKED, no hot row) + card + provisioning event.
  createUser: `with u as (
      insert into app_user (organization_id, directory_id, origin, user_name, external_id, active, email, display_name, given_name,
        family_name, title, department, attributes)
      values ($1, $2, 'directory', $3, $4, true, $5, $6, $7, $8, $9, $10, $11)
      returning ${USER_COLUMNS}),
    s as (
      update seat set user_id = (select id from u), claimed_at = now()
      where id = (select id from seat where organization_id = $1 and user_id is null limit 1 for update skip locked)
      returning id),
    c as (insert into card (organization_id, user_id, slug, fields) select $1::uuid, u.id, $12::text, $13::jsonb from u returning id),
    e as (insert into provisioning_event (organization_id, directory_id, operation, method, path, resource_type, resource_id, outcome, status)
      select $1::uuid, $2::uuid, 'create', 'POST', $14::text, 'User', u.id::text, 'success', 201 from u)
    select u.*, (select id from s) as seat_id from u`,
  patchUser: `update app_user set title = $3, department = coalesce($4::text, department), attributes = attributes || $5::jsonb, version = version + 1,
      updated_at = now() where id = $1 and directory_id = $2 returning ${USER_COLUMNS}`,
  // The page's ids by offset over the (directory, created_at, id) index, fetched by primary key with their groups, and
  // the count as an uncorrelated subquery (run once): nothing reads the directory's full rows or every user's groups,
  // and no plan depends on statistics.
  pageUsers: `select ${USER_COLUMNS}, ${USER_GROUPS}, (select count(*) from app_user where directory_id = $1) as total from app_user
    where id = any(array(select id from app_user where directory_id = $1 order by created_at, id offset $2 limit $3))
    order by created_at, id`,
  lookupGroup: `select id, display_name, external_id, attributes, version, created_at, updated_at from scim_group
      where directory_id = $1 and lower(display_name) = lower($2)`,
  createGroup: `with g as (
      insert into scim_group (organization_id, directory_id, display_name, external_id, attributes) values ($1, $2, $3, $4, $5)
      returning id, display_name, external_id, attributes, version, created_at, updated_at),
    e as (insert into provisioning_event (organization_id, directory_id, operation, method, path, resource_type, resource_id, outcome, status)
      select $1::uuid, $2::uuid, 'create', 'POST', $6::text, 'Group', g.id::text, 'success', 201 from g)
    select * from g`,
  addMembers: `insert into group_member (group_id, user_id) select $1::uuid, unnest($2::uuid[]) on conflict do nothing`,
  removeMembers: `delete from group_member where group_id = $1 and user_id = any($2::uuid[])`,
  // What the GraphQL page reads: 100 users of an organization with card, seat and groups, and the total.
  graphqlPage: `select u.id, u.display_name, c.slug, c.fields, s.id as seat_id,
      (select coalesce(json_agg(g.display_name), '[]') from group_member gm join scim_group g on g.id = gm.group_id where gm.user_id = u.id) as groups,
      (select count(*) from app_user where organization_id = $1) as total
    from app_user u left join card c on c.user_id = u.id left join seat s on s.user_id = u.id
    where u.id = any(array(select id from app_user where organization_id = $1 order by created_at, id limit 100))
    order by u.created_at, u.id`,
};

/** One prepared statement execution on the pool. */
export function q(pool, name, values) {
  return pool.query({ name, text: RAW_SQL[name], values });
}

/** The card fields cardbridge derives from a profile (same size and shape, for the same row widths). */
function cardFields(body, p) {
  const address = body.addresses[0];
  return {
    displayName: p.displayName,
    givenName: p.givenName,
    familyName: p.familyName,
    title: p.title,
    department: p.department,
    company: 'Bench Corp',
    emails: [{ value: p.email, type: 'work' }],
    phones: body.phoneNumbers.map(({ value, type }) => ({ value, type })),
    address: { streetAddress: address.streetAddress, locality: address.locality, region: address.region, postalCode: address.postalCode, country: address.country },
  };
}

/** Raw create of user `i`: the lookup miss Entra sends first, then the one-statement transaction. */
export async function rawCreateUser(side, i, managerId) {
  const p = userProfile(side.prefix, i);
  const miss = await q(side.pool, 'lookupUser', [side.directoryId, p.userName]);
  if (miss.rows.length) throw new Error(`raw lookup of ${p.userName} should miss`);
  const body = createUserBody(side.prefix, i, managerId);
  const { meta: _meta, ...attributes } = body;
  const { rows } = await q(side.pool, 'createUser', [
    side.organizationId, side.directoryId, p.userName, p.externalId, p.email, p.displayName, p.givenName, p.familyName, p.title, p.department,
    attributes, randomBytes(16).toString('base64url'), cardFields(body, p), `/scim/entra/${side.directoryId}/Users`,
  ]);
  if (!rows[0]?.seat_id) throw new Error('raw create found no free seat');
  return rows[0].id;
}

/** Raw group create: lookup miss, then group + event in one statement. */
export async function rawCreateGroup(side, body) {
  const miss = await q(side.pool, 'lookupGroup', [side.directoryId, body.displayName]);
  if (miss.rows.length) throw new Error(`raw group lookup of ${body.displayName} should miss`);
  const { meta: _meta, ...attributes } = body;
  const { rows } = await q(side.pool, 'createGroup', [side.organizationId, side.directoryId, body.displayName, body.externalId, attributes, `/scim/entra/${side.directoryId}/Groups`]);
  return rows[0].id;
}
