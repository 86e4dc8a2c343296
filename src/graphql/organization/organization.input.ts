/** Internal: input and payload of updateOrganization. */
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Organization } from './organization.type.js';

@InputType({ description: "Changes to the caller's organization; omitted fields (and nulls, except entraTenantId) stay as they are. Admins change name and e-mail domains; the seat limit and Sign in with Microsoft are the owner's." })
export class UpdateOrganizationInput {
  @Field(() => String, { nullable: true, description: 'Display name, 1–200 characters.' })
  name?: string | null;

  @Field(() => Int, { nullable: true, description: 'Seats the licence has, 0–1000000. Lowering it below the seats in use is a CONFLICT. Owners only.' })
  seatLimit?: number | null;

  @Field(() => [String], { nullable: true, description: 'E-mail domains (DNS names such as example.com, at most 50); lower-cased and de-duplicated. Replaces the list; [] clears it.' })
  emailDomains?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether users may sign in with their Microsoft (Entra ID) account; turning it on needs an Entra tenant id. Owners only.' })
  microsoftSignIn?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Entra tenant id (a GUID) whose users may sign in with Microsoft; a new one needs entraTenantProof from that tenant. Null removes it (only while Sign in with Microsoft is off). Owners only.' })
  entraTenantId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Proof for connecting an Entra tenant: a current ID token from Sign in with Microsoft (aud = this server's app) of a Global Administrator, Application Administrator or Cloud Application Administrator of the tenant (its `wids` claim). Its `tid` is the tenant connected; entraTenantId may be omitted. Every refused claim answers the same FORBIDDEN. Owners only.",
  })
  entraTenantProof?: string | null;
}

@ObjectType({ description: 'The changed organization.' })
export class UpdateOrganizationPayload {
  @Field(() => Organization, { description: 'The organization, with its seats.' })
  organization!: object;
}
