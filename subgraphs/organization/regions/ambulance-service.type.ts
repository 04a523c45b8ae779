import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import type { AmbulanceService as AmbulanceServiceEntity } from './ambulance-service.entity.ts';

@Directive('@key(fields: "id")')
@ObjectType('AmbulanceService', {
  description: 'A regional ambulance service with its dispatch centre. Its dispatchers report incidents in the regions it serves.',
})
export class AmbulanceServiceType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String, { description: 'The dispatch centre (meldkamer) that takes the 112 calls.' })
  dispatchCentre!: string;

  static from(entity: AmbulanceServiceEntity): AmbulanceServiceType {
    return Object.assign(new AmbulanceServiceType(), {
      id: entity.id,
      name: entity.name,
      code: entity.code,
      dispatchCentre: entity.dispatchCentre,
    });
  }
}

@InputType()
export class CreateAmbulanceServiceInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Unique; 2–16 letters, digits or dashes.' })
  code!: string;

  @Field(() => String)
  dispatchCentre!: string;

  @Field(() => [ID], { description: 'The security regions it serves (at least one).' })
  regionIds!: string[];
}
