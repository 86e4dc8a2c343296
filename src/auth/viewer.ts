/** Internal: who a GraphQL request acts as. */
import type { Role } from '../domain/users/user.entity.js';

/** The authenticated caller of a request: always inside exactly one organization. */
export interface Viewer {
  readonly organizationId: string;
  readonly organizationSlug: string;
  readonly role: Role;
  /** The user the token belongs to; absent for service tokens such as `cardbridge jwt --sub cli:admin`. */
  readonly userId?: string;
  /** How the caller signed in: a Bearer token, a Microsoft ID token, or the admin portal's session cookie. */
  readonly method: 'token' | 'microsoft' | 'portal';
}
