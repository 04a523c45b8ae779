/**
 * Entities of other subgraphs that the volunteers subgraph points at or extends, by key only.
 *
 * Naming, the same in every subgraph: this file, `references.ts` at the top of
 * the subgraph, holds every stub (`XRef`, `@key` plus any `@external` field) of
 * an entity another subgraph owns; `<entity>.reference.ts` beside an entity
 * this subgraph owns holds its `__resolveReference`, as in type-graphql's
 * federation example; `peers.ts` holds what this subgraph asks the others.
 */
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organization subgraph's Municipality, which this subgraph extends with volunteer fields. */
@Directive('@key(fields: "id")')
@ObjectType('Municipality')
export class MunicipalityRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): MunicipalityRef {
    return Object.assign(new MunicipalityRef(), { id });
  }
}

/** The organization subgraph's SecurityRegion, extended with the region's volunteer policy. */
@Directive('@key(fields: "id")')
@ObjectType('SecurityRegion')
export class SecurityRegionRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): SecurityRegionRef {
    return Object.assign(new SecurityRegionRef(), { id });
  }
}

/** The organization subgraph's PartnerAssociation, extended with its members. */
@Directive('@key(fields: "id")')
@ObjectType('PartnerAssociation')
export class PartnerAssociationRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): PartnerAssociationRef {
    return Object.assign(new PartnerAssociationRef(), { id });
  }
}

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
