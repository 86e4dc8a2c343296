/** Internal: the Organization object type. */
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Licence seats of the organization.' })
export class Seats {
  @Field(() => Int, { description: 'Seats the licence has.' })
  limit!: number;

  @Field(() => Int, { description: 'Seats held by users.' })
  used!: number;

  @Field(() => Int, { description: 'Seats still free (limit − used).' })
  available!: number;
}

@ObjectType({ description: 'A customer account of the card product: a licence with a seat limit.' })
export class Organization {
  @Field(() => ID, { description: 'Id of the organization.' })
  id!: string;

  @Field(() => String, { description: 'Short unique name (the `org` claim of product tokens).' })
  slug!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => [String], { description: 'E-mail domains of the organization (domain-based assignment).' })
  emailDomains!: string[];

  @Field(() => Boolean, { description: 'Whether users may sign in with their Microsoft (Entra ID) account.' })
  microsoftSignIn!: boolean;
}
