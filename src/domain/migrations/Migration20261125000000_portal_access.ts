import { Migration } from '@mikro-orm/migrations';

/**
 * The admin portal's entry (issue 13 item 1).
 *
 * - `portal_link`: a single-use link that opens a portal session for one organization. Only the SHA-256 of its
 *   random token is stored; it is consumed by one `update … where used_at is null and expires_at > now()`, so two
 *   clicks at once open one session. `created_by` says who made it (`cli`, `user:<id>`, `token:<subject>`).
 * - `portal_session`: the browser's session, keyed by the SHA-256 of the cookie's random value. It ends at
 *   `expires_at` (absolute), after the idle time since `last_seen_at`, or when `revoked_at` is set (sign-out).
 *   `user_id` is the Microsoft-signed-in user (null for a session opened by a link).
 * - `portal_sign_in_attempt`: a Sign in with Microsoft in progress (state, nonce, PKCE verifier), keyed by the
 *   SHA-256 of a short-lived cookie so the callback only completes in the browser that started it.
 */
export class Migration20261125000000_portal_access extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table portal_link (
      id uuid primary key default gen_random_uuid(),
      token_hash bytea not null unique,
      organization_id uuid not null references organization (id) on delete cascade,
      intent text not null default 'directory-sync',
      return_url text null,
      created_by text not null,
      created_by_user_id uuid null references app_user (id) on delete cascade,
      creator_role text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz null,
      constraint portal_link_intent check (intent in ('directory-sync', 'card-settings', 'log'))
    );`);
    this.addSql(`create index portal_link_organization on portal_link (organization_id);`);
    this.addSql(`create table portal_session (
      id uuid primary key default gen_random_uuid(),
      token_hash bytea not null unique,
      organization_id uuid not null references organization (id) on delete cascade,
      role text not null,
      method text not null,
      user_id uuid null references app_user (id) on delete cascade,
      link_id uuid null references portal_link (id) on delete set null,
      intent text not null default 'directory-sync',
      return_url text null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz null,
      constraint portal_session_role check (role in ('owner', 'admin')),
      constraint portal_session_method check (method in ('link', 'microsoft')),
      constraint portal_session_intent check (intent in ('directory-sync', 'card-settings', 'log'))
    );`);
    this.addSql(`create index portal_session_organization on portal_session (organization_id);`);
    this.addSql(`create index portal_session_expires on portal_session (expires_at);`);
    this.addSql(`create table portal_sign_in_attempt (
      id_hash bytea primary key,
      state text not null,
      nonce text not null,
      code_verifier text not null,
      intent text not null default 'directory-sync',
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists portal_sign_in_attempt;`);
    this.addSql(`drop table if exists portal_session;`);
    this.addSql(`drop table if exists portal_link;`);
  }
}
