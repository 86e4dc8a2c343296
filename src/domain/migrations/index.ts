import { Migration20261124000000_initial } from './Migration20261124000000_initial.js';
import { Migration20261124010000_invites } from './Migration20261124010000_invites.js';
import { Migration20261124020000_tenant_claim } from './Migration20261124020000_tenant_claim.js';
import { Migration20261124030000_microsoft_binding } from './Migration20261124030000_microsoft_binding.js';
import { Migration20261124050000_refused_requests } from './Migration20261124050000_refused_requests.js';
import { Migration20261124090000_leaver_default } from './Migration20261124090000_leaver_default.js';
import { Migration20261124110000_group_versions } from './Migration20261124110000_group_versions.js';
import { Migration20261124110100_group_versions_kept } from './Migration20261124110100_group_versions_kept.js';
import { Migration20261124200000_log_retention } from './Migration20261124200000_log_retention.js';
import { Migration20261124230000_matching_attribute } from './Migration20261124230000_matching_attribute.js';
import { Migration20261125000000_portal_access } from './Migration20261125000000_portal_access.js';
import { Migration20261125100000_directory_preview } from './Migration20261125100000_directory_preview.js';
import { Migration20261125300000_event_subject_index } from './Migration20261125300000_event_subject_index.js';
import { Migration20261126000000_preferred_language } from './Migration20261126000000_preferred_language.js';

/** Every migration, in order (listed, not globbed, so built and source runs see the same set). */
export const MIGRATIONS = [
  { name: 'Migration20261124000000_initial', class: Migration20261124000000_initial },
  { name: 'Migration20261124010000_invites', class: Migration20261124010000_invites },
  { name: 'Migration20261124020000_tenant_claim', class: Migration20261124020000_tenant_claim },
  { name: 'Migration20261124030000_microsoft_binding', class: Migration20261124030000_microsoft_binding },
  { name: 'Migration20261124050000_refused_requests', class: Migration20261124050000_refused_requests },
  { name: 'Migration20261124090000_leaver_default', class: Migration20261124090000_leaver_default },
  { name: 'Migration20261124110000_group_versions', class: Migration20261124110000_group_versions },
  { name: 'Migration20261124110100_group_versions_kept', class: Migration20261124110100_group_versions_kept },
  { name: 'Migration20261124200000_log_retention', class: Migration20261124200000_log_retention },
  { name: 'Migration20261124230000_matching_attribute', class: Migration20261124230000_matching_attribute },
  { name: 'Migration20261125000000_portal_access', class: Migration20261125000000_portal_access },
  { name: 'Migration20261125100000_directory_preview', class: Migration20261125100000_directory_preview },
  { name: 'Migration20261125300000_event_subject_index', class: Migration20261125300000_event_subject_index },
  { name: 'Migration20261126000000_preferred_language', class: Migration20261126000000_preferred_language },
];
