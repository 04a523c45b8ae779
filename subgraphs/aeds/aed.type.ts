import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { GeoPoint, GeoPointInput } from '../../common/geo.type.ts';
import type { Aed as AedEntity } from './aed.entity.ts';
import { MunicipalityRef } from './municipality.ref.ts';

@Directive('@key(fields: "id")')
@ObjectType('Aed', { description: 'An automated external defibrillator.' })
export class AedType {
  @Field(() => ID)
  id!: string;

  @Field(() => GeoPoint)
  location!: GeoPoint;

  @Field(() => String, { description: 'Where exactly, e.g. "left of the entrance of the sports hall".' })
  locationDescription!: string;

  @Field(() => MunicipalityRef)
  municipality!: MunicipalityRef;

  static from(entity: AedEntity): AedType {
    return Object.assign(new AedType(), {
      id: entity.id,
      location: GeoPoint.of(entity.latitude, entity.longitude),
      locationDescription: entity.locationDescription,
      municipality: MunicipalityRef.of(entity.municipalityId),
    });
  }
}

@InputType()
export class RegisterAedInput {
  @Field(() => GeoPointInput)
  location!: GeoPointInput;

  @Field(() => String)
  locationDescription!: string;

  @Field(() => ID)
  municipalityId!: string;
}
