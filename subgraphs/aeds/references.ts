/**
 * Entities of other subgraphs that the AEDs subgraph points at or extends, by key only.
 *
 * Naming, the same in every subgraph: this file, `references.ts` at the top of
 * the subgraph, holds every stub (`XRef`, `@key` plus any `@external` field) of
 * an entity another subgraph owns; `<entity>.reference.ts` beside an entity
 * this subgraph owns holds its `__resolveReference`, as in type-graphql's
 * federation example; `peers.ts` holds what this subgraph asks the others.
 */
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organisation subgraph's Municipality, which this subgraph extends with AED fields. */
@Directive('@key(fields: "id")')
@ObjectType('Municipality')
export class MunicipalityRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): MunicipalityRef {
    return Object.assign(new MunicipalityRef(), { id });
  }
}
