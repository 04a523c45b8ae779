import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import type { SecurityRegion as SecurityRegionEntity } from './security-region.entity.ts';

@Directive('@key(fields: "id")')
@ObjectType('SecurityRegion', {
  description: 'A security region: municipalities served by the same ambulance services. Other subgraphs extend it (dispatch policy).',
})
export class SecurityRegionType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Official code, e.g. VR20.' })
  code!: string;

  static from(entity: SecurityRegionEntity): SecurityRegionType {
    return Object.assign(new SecurityRegionType(), { id: entity.id, name: entity.name, code: entity.code });
  }
}

@InputType()
export class CreateSecurityRegionInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Unique; 2–16 letters, digits or dashes.' })
  code!: string;
}
