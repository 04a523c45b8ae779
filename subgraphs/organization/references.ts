/**
 * Entities of other subgraphs that the organization subgraph points at or extends, by key only.
 *
 * Naming, the same in every subgraph: this file, `references.ts` at the top of
 * the subgraph, holds every stub (`XRef`, `@key` plus any `@external` field) of
 * an entity another subgraph owns; `<entity>.reference.ts` beside an entity
 * this subgraph owns holds its `__resolveReference`, as in type-graphql's
 * federation example; `peers.ts` holds what this subgraph asks the others.
 */
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType('Volunteer')
export class VolunteerRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): VolunteerRef {
    return Object.assign(new VolunteerRef(), { id });
  }
}
