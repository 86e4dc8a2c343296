/**
 * Which template a card uses, read and written set-based: one statement reads the template candidates of a set of
 * users (their groups' rules, their directory's default, their organization's first template), the card rules'
 * {@link templateFor} picks each user's template in TypeScript, and the statements that write templates receive the
 * picks as values (arrays, or the rows of a recordset). The precedence and the ordering of group rules are written
 * once, in card.rules.ts; the SQL here only gathers candidates.
 */
import { raw, sql, statement, type SqlFragment, type Statement } from '../../db/sql/fragment.js';
import { execute, translateDbError, type Queryable } from '../../db/sql/run.js';
import { directories } from '../directories/directory.table.js';
import { groupMembers, groups } from '../groups/group.table.js';
import { users } from '../users/users.table.js';
import { templateFor, type GroupTemplateRule } from './card.rules.js';
import { cards, templates } from './cards.table.js';

/** The organization's first template (the oldest): the last candidate of every card's template. */
export function organizationTemplateSql(organizationId: unknown): SqlFragment {
  return sql`(select tt.id from ${raw(templates.name)} tt where tt.organization_id = ${organizationId} order by tt.created_at, tt.id limit 1)`;
}

/** The users whose templates are picked: a group's members, a directory's users, or the given users. */
export type TemplateScope = { groupId: string } | { directoryId: string } | { userIds: readonly string[] };

/**
 * Which of the scope's users: all of them, only those with a card (each with the card's current template), or only
 * those without one (the cards a go-live would make).
 */
export type CardFilter = 'any' | 'withCard' | 'withoutCard';

/** What {@link templateFor} picks a user's template from, as one statement reads it. */
interface TemplateCandidates {
  userId: string;
  /** The template rules of the user's groups (groups without a template left out), in no particular order. */
  groupRules: GroupTemplateRule[];
  directoryDefault: string | null;
  organizationFirst: string | null;
  /** The template the user's card has now; null without a card, and for filters other than `withCard`. */
  cardTemplateId: string | null;
}

/** A user's template as {@link templateFor} picks it, with the template the user's card has now (`withCard`). */
interface TemplatePick {
  userId: string;
  templateId: string | null;
  cardTemplateId: string | null;
}

type ScopeKind = 'groupId' | 'directoryId' | 'userIds';

const SCOPE: Record<ScopeKind, (scope: unknown) => SqlFragment> = {
  groupId: (scope) => sql`u.id in (select gm.user_id from ${raw(groupMembers.from)} where gm.group_id = ${scope}::uuid)`,
  directoryId: (scope) => sql`u.directory_id = ${scope}::uuid`,
  userIds: (scope) => sql`u.id = any(${scope}::uuid[])`,
};

const FILTER: Record<CardFilter, { join: string; where: string; template: string }> = {
  any: { join: '', where: '', template: 'null::uuid' },
  withCard: { join: `join ${cards.from} on c.user_id = u.id`, where: '', template: 'c.template_id' },
  withoutCard: { join: '', where: ` and not exists (select 1 from ${cards.from} where c.user_id = u.id)`, template: 'null::uuid' },
};

const RULE = 'json_build_array(g.template_id, g.template_priority, g.display_name)';

/** Where a statement's group rules come from: a CTE, the column that reads them, its join. */
interface RulesOf {
  /** A CTE after `firsts` (with its leading comma), or nothing. */
  with: (scope: unknown) => SqlFragment;
  column: string;
  join: string;
}
const RULES_PER_USER: RulesOf = {
  with: () => raw(''),
  column: `(select json_agg(${RULE}) from ${groupMembers.from} join ${groups.from} on g.id = gm.group_id where gm.user_id = s.id and g.template_id is not null)`,
  join: '',
};
/**
 * A user's group rules, by scope: a directory's users through the memberships of the directory's groups that have a
 * rule, aggregated per user in one pass (a user is a member only of its own directory's groups); a group's members
 * or given users through the membership index per user (a few users of a large directory: the rule groups' whole
 * member lists are not read).
 */
const RULES: Record<ScopeKind, RulesOf> = {
  directoryId: {
    with: (scope) => sql`,
      rules as (
        select gm.user_id, json_agg(${raw(RULE)}) as rules
        from ${raw(groups.from)} join ${raw(groupMembers.from)} on gm.group_id = g.id
        where g.directory_id = ${scope}::uuid and g.template_id is not null group by gm.user_id)`,
    column: 'r.rules',
    join: 'left join rules r on r.user_id = s.id',
  },
  groupId: RULES_PER_USER,
  userIds: RULES_PER_USER,
};

/**
 * The candidates of the scope's users in one statement. The organization's first template is looked up once per
 * organization (a directory's users may sit in several, under domain assignment); a user's group rules come as one
 * JSON array of `[templateId, priority, groupName]` (positional: cheaper to build than objects; see RULES). The
 * scope is inlined where it is used (`not materialized`): for a directory's 2,000 users that measured cheaper than
 * a materialized scope.
 */
function candidatesStatement(kind: ScopeKind, filter: CardFilter): Statement<{ scope: string | readonly string[] }> {
  const f = FILTER[filter];
  const rules = RULES[kind];
  return statement<{ scope: string | readonly string[] }>(
    (p) => sql`with scoped as not materialized (
        select u.id, u.organization_id, u.directory_id, ${raw(f.template)} as card_template_id
        from ${raw(users.from)} ${raw(f.join)} where ${SCOPE[kind](p.scope)}${raw(f.where)}),
      firsts as (
        select o.organization_id, ${organizationTemplateSql(raw('o.organization_id'))} as template_id
        from (select distinct organization_id from scoped) o)${rules.with(p.scope)}
      select s.id as "userId", ${raw(rules.column)} as rules, d.settings ->> 'templateId' as "directoryDefault",
        f.template_id as "organizationFirst", s.card_template_id as "cardTemplateId"
      from scoped s left join firsts f on f.organization_id = s.organization_id left join ${raw(directories.from)} on d.id = s.directory_id
      ${raw(rules.join)}`,
  );
}

const CANDIDATES = Object.fromEntries(
  (Object.keys(SCOPE) as ScopeKind[]).map((kind) => [kind, Object.fromEntries((Object.keys(FILTER) as CardFilter[]).map((filter) => [filter, candidatesStatement(kind, filter)]))]),
) as Record<ScopeKind, Record<CardFilter, ReturnType<typeof candidatesStatement>>>;

function scopeOf(scope: TemplateScope): [ScopeKind, string | readonly string[]] {
  return 'groupId' in scope ? ['groupId', scope.groupId] : 'directoryId' in scope ? ['directoryId', scope.directoryId] : ['userIds', scope.userIds];
}

type CandidatesRow = Omit<TemplateCandidates, 'groupRules'> & { rules: [string, number, string][] | null };

/** Reads the template candidates of the scope's users (one statement; in no particular order). */
async function readTemplateCandidates(db: Queryable, scope: TemplateScope, filter: CardFilter = 'any'): Promise<TemplateCandidates[]> {
  const [kind, value] = scopeOf(scope);
  const rows = await execute<{ scope: string | readonly string[] }, CandidatesRow>(db, CANDIDATES[kind][filter], { scope: value });
  return rows.map(({ rules, ...row }) => ({ ...row, groupRules: (rules ?? []).map(([templateId, priority, groupName]) => ({ templateId, priority, groupName })) }));
}

/** The template of each of the scope's users by {@link templateFor}, from one read of their candidates. */
export async function pickTemplates(db: Queryable, scope: TemplateScope, filter: CardFilter = 'any'): Promise<TemplatePick[]> {
  return (await readTemplateCandidates(db, scope, filter)).map((c) => ({ userId: c.userId, templateId: templateFor(c), cardTemplateId: c.cardTemplateId }));
}

/** Sets the given cards' templates, pairs of user and template as two arrays; only cards whose template differs. */
const WRITE_TEMPLATES = statement<{ userIds: string[]; templateIds: (string | null)[] }>(
  (p) => sql`update ${raw(cards.from)} set template_id = v.template_id, updated_at = now()
    from unnest(${p.userIds}::uuid[], ${p.templateIds}::uuid[]) as v(user_id, template_id)
    where c.user_id = v.user_id and c.template_id is distinct from v.template_id`,
);

/**
 * Re-picks the template of every card whose user is in `scope` (a group's members, a directory's users, or the
 * given users): the candidates in one statement, {@link templateFor} per user, then one set-based update with the
 * picks as values, sent only when some card's template changes (so one statement when none does, two when some
 * do). Returns how many cards changed template.
 */
export async function refreshCardTemplates(tx: Queryable, scope: TemplateScope): Promise<number> {
  const changed = (await pickTemplates(tx, scope, 'withCard')).filter((pick) => pick.templateId !== pick.cardTemplateId);
  if (!changed.length) return 0;
  const values = WRITE_TEMPLATES.values({ userIds: changed.map((pick) => pick.userId), templateIds: changed.map((pick) => pick.templateId) });
  try {
    return (await tx.query(WRITE_TEMPLATES.text, values)).rowCount ?? 0;
  } catch (error) {
    throw translateDbError(error);
  }
}
