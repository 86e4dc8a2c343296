import { EntityTable } from '../../db/sql/entity-table.js';
import { PreviewCard } from './preview-card.entity.js';

/** The would-be cards of users of directories in preview mode. */
export const previewCards = new EntityTable(PreviewCard, 'pc');
