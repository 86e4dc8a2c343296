/** Internal state shared by the SCIM routes of one plugin. */
import type { Context } from 'koa';
import type * as scim from '../scim/index.js';
import type { DirectoryInfo, ProvisioningPort } from '../plugin-api/port.js';

export interface ScimServiceContext {
  readonly port: ProvisioningPort;
  readonly dialect: scim.ScimDialect;
  readonly maxPageSize: number;
  /** Operations one PATCH may carry (413 above it, before anything is read). */
  readonly patchMaxOperations: number;
  authenticate(ctx: Context): Promise<DirectoryInfo>;
  /** The directory's Tenant URL: `<publicUrl><mountPath>/<directoryId>`. */
  baseUrl(dir: DirectoryInfo): string;
  /** The User resource type of a directory (core + enterprise + the directory's custom extensions). */
  userType(dir: DirectoryInfo): scim.ResourceType;
  groupType(dir: DirectoryInfo): scim.ResourceType;
}
