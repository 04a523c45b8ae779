import { Directive, Field, Float, InputType, ObjectType } from 'type-graphql';
import { badInput } from './errors.ts';

/** A WGS 84 position. Shared by every subgraph that has positions. */
@Directive('@shareable')
@ObjectType('GeoPoint', { description: 'A WGS 84 position in decimal degrees.' })
export class GeoPoint {
  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;

  static of(latitude: number, longitude: number): GeoPoint {
    return Object.assign(new GeoPoint(), { latitude, longitude });
  }
}

@InputType('GeoPointInput')
export class GeoPointInput {
  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;
}

/** Rejects NaN, infinities and out-of-range coordinates before anything is written. */
export function checkPosition(point: { latitude: number; longitude: number }, what = 'position'): { latitude: number; longitude: number } {
  const { latitude, longitude } = point;
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) {
    throw badInput(`The ${what}'s latitude must be a number between -90 and 90.`);
  }
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) {
    throw badInput(`The ${what}'s longitude must be a number between -180 and 180.`);
  }
  return { latitude, longitude };
}
