export { Organization } from '../organizations/organization.entity.js';
export { Template } from '../cards/template.entity.js';
export { Directory, type DirectorySettings, type DeprovisionPolicy, type MatchingAttribute } from '../directories/directory.entity.js';
export { User, ROLES, type Role, type UserOrigin, type InviteStatus } from '../users/user.entity.js';
export { Group, GroupMember } from '../groups/group.entity.js';
export { Card, type CardFields, type CardStatus } from '../cards/card.entity.js';
export { Seat } from '../seats/seat.entity.js';
export { UserPhoto } from '../cards/user-photo.entity.js';
export { ProvisioningEvent, type EventOutcome } from '../provisioning-log/provisioning-event.entity.js';
export { PreviewCard } from '../directories/preview-card.entity.js';

import { Card } from '../cards/card.entity.js';
import { Directory } from '../directories/directory.entity.js';
import { PreviewCard } from '../directories/preview-card.entity.js';
import { Group, GroupMember } from '../groups/group.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { ProvisioningEvent } from '../provisioning-log/provisioning-event.entity.js';
import { Seat } from '../seats/seat.entity.js';
import { Template } from '../cards/template.entity.js';
import { UserPhoto } from '../cards/user-photo.entity.js';
import { User } from '../users/user.entity.js';

/** Every entity, for the ORM configuration. */
export const ENTITIES = [Organization, Template, Directory, User, Group, GroupMember, Card, Seat, UserPhoto, ProvisioningEvent, PreviewCard];
