import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { MunicipalityRef } from './municipality.ref.ts';
import type { Volunteer as VolunteerEntity } from './volunteer.entity.ts';

@Directive('@key(fields: "id")')
@ObjectType('Volunteer', { description: 'A trained citizen responder.' })
export class VolunteerType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => MunicipalityRef)
  municipality!: MunicipalityRef;

  static from(entity: VolunteerEntity): VolunteerType {
    return Object.assign(new VolunteerType(), {
      id: entity.id,
      name: entity.name,
      municipality: MunicipalityRef.of(entity.municipalityId),
    });
  }
}

@InputType()
export class RegisterVolunteerInput {
  @Field(() => String)
  name!: string;

  @Field(() => ID)
  municipalityId!: string;
}
