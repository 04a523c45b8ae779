import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { MunicipalityRef } from './municipality.ref.ts';

/**
 * The organization subgraph's WorkingGroup, extended with volunteer fields.
 * Its municipalities are the organization subgraph's: fields that need them
 * declare `@requires`, so the gateway brings them along in the representation.
 */
@Directive('@key(fields: "id")')
@ObjectType('WorkingGroup')
export class WorkingGroupRef {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => [MunicipalityRef])
  municipalities!: MunicipalityRef[];
}
