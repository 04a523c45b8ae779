/**
 * Entities of other subgraphs that the incidents subgraph points at or extends, by key only.
 *
 * Naming, the same in every subgraph: this file, `references.ts` at the top of
 * the subgraph, holds every stub (`XRef`, `@key` plus any `@external` field) of
 * an entity another subgraph owns; `<entity>.reference.ts` beside an entity
 * this subgraph owns holds its `__resolveReference`, as in type-graphql's
 * federation example; `peers.ts` holds what this subgraph asks the others.
 */
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { GeoPoint } from '../../common/geo.type.ts';

/** A volunteer (volunteers subgraph). */
@Directive('@key(fields: "id")')
@ObjectType('Volunteer')
export class VolunteerRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): VolunteerRef {
    return Object.assign(new VolunteerRef(), { id });
  }
}

/**
 * An AED (aeds subgraph): its location, description and readiness come from
 * there. Its location is also known here on an alert's AED, where the alert
 * provides it (see AlertType.aed).
 */
@Directive('@key(fields: "id")')
@ObjectType('Aed')
export class AedRef {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => GeoPoint)
  location?: GeoPoint;

  static of(id: string, location?: GeoPoint): AedRef {
    return Object.assign(new AedRef(), { id, location });
  }
}

/** A municipality (organization subgraph). */
@Directive('@key(fields: "id")')
@ObjectType('Municipality')
export class MunicipalityRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): MunicipalityRef {
    return Object.assign(new MunicipalityRef(), { id });
  }
}

/** A security region (organization subgraph). */
@Directive('@key(fields: "id")')
@ObjectType('SecurityRegion')
export class SecurityRegionRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): SecurityRegionRef {
    return Object.assign(new SecurityRegionRef(), { id });
  }
}

/** An ambulance service with its dispatch centre (organization subgraph). */
@Directive('@key(fields: "id")')
@ObjectType('AmbulanceService')
export class AmbulanceServiceRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): AmbulanceServiceRef {
    return Object.assign(new AmbulanceServiceRef(), { id });
  }
}
