import { Field, ID, ObjectType } from 'type-graphql';
import type { Place } from './municipality.service.ts';

/** Where a point lies, as dispatch needs it: whose rules apply, and local time. */
@ObjectType('Location', { description: 'The municipality and security region a point lies in. For the incidents subgraph.' })
export class LocationType {
  @Field(() => ID)
  municipalityId!: string;

  @Field(() => ID)
  securityRegionId!: string;

  @Field(() => String)
  timeZone!: string;

  @Field(() => String)
  countryCode!: string;

  /** Undefined for a municipality not yet placed in a region: nobody can dispatch there. */
  static from(municipality: Place): LocationType | undefined {
    if (!municipality.regionId) return undefined;
    return Object.assign(new LocationType(), {
      municipalityId: municipality.id,
      securityRegionId: municipality.regionId,
      timeZone: municipality.timeZone,
      countryCode: municipality.countryCode,
    });
  }
}
