import { Migration20261124000000_initial } from './Migration20261124000000_initial.js';

/** Every migration, in order (listed, not globbed, so built and source runs see the same set). */
export const MIGRATIONS = [{ name: 'Migration20261124000000_initial', class: Migration20261124000000_initial }];
