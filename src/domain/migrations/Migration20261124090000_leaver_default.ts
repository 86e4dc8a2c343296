import { Migration } from '@mikro-orm/migrations';

/**
 * The safe default for leavers (issue 11 item 8). Entra's first signal when someone leaves is `active: "False"`;
 * until now the default policy, `'keep'`, kept such a user's card, vCard and QR code public, and every directory
 * was created with that default written into its settings, so a stored `'keep'` cannot tell an admin's choice from
 * the old default. It is removed (unset reads as `suspend`); an admin who wants leavers public chooses
 * `keepPublic` explicitly. The cards of users already deactivated under it are suspended now, not at their next
 * write: kept, but answering 410 on every public route until the directory reactivates them.
 */
export class Migration20261124090000_leaver_default extends Migration {
  override async up(): Promise<void> {
    this.addSql(`update directory set settings = settings - 'deprovisionPolicy', updated_at = now()
      where settings ? 'deprovisionPolicy' and settings ->> 'deprovisionPolicy' not in ('suspend', 'keepPublic');`);
    this.addSql(`update card c set status = 'suspended', updated_at = now()
      from app_user u join directory d on d.id = u.directory_id
      where u.id = c.user_id and not u.active and c.status = 'active'
        and coalesce(d.settings ->> 'deprovisionPolicy', 'suspend') <> 'keepPublic';`);
  }

  override async down(): Promise<void> {
    // The old code reads only 'suspend' as suspending: an unset or keepPublic policy goes back to its 'keep'.
    // Card statuses are left as they are; the old code re-derives them at each user's next write.
    this.addSql(`update directory set settings = settings || '{"deprovisionPolicy": "keep"}'::jsonb, updated_at = now()
      where coalesce(settings ->> 'deprovisionPolicy', 'keep') <> 'suspend';`);
  }
}
