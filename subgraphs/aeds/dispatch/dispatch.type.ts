import { Field, Float, ID, ObjectType } from 'type-graphql';
import { AedType } from '../registry/aed.type.ts';

@ObjectType('DispatchableAed', { description: 'An AED dispatch may send a responder to fetch, for the incidents subgraph only.' })
export class DispatchableAedType {
  @Field(() => ID)
  aedId!: string;

  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;

  @Field(() => Float, { description: 'Straight-line (great-circle) distance from the searched point.' })
  distanceMeters!: number;

  @Field(() => String, { nullable: true, description: 'Street address, as a person would look for it (the fetcher’s text names it); null when the register has none.' })
  address!: string | null;

  @Field(() => String)
  locationDescription!: string;

  @Field(() => String, { nullable: true, description: 'For the one responder dispatched to fetch it; null when the cabinet is not locked.' })
  cabinetCode!: string | null;
}

@ObjectType('NearbyAed', { description: 'An AED that can be used now near a point, for anyone looking for one.' })
export class NearbyAedType {
  @Field(() => AedType)
  aed!: AedType;

  @Field(() => Float, { description: 'Straight-line (great-circle) distance from the searched point.' })
  distanceMeters!: number;

  @Field(() => Date, { nullable: true, description: 'When its schedule next closes it; null when it does not within a year.' })
  availableUntil!: Date | null;
}
