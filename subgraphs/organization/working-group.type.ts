import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import type { WorkingGroup as WorkingGroupEntity } from './working-group.entity.ts';

@Directive('@key(fields: "id")')
@ObjectType('WorkingGroup', {
  description:
    'The working group that runs the programme for one or more municipalities. Its name and municipalities are public; members, plan and problem reports are for its members, its coordinators and the policy officers of its municipalities.',
})
export class WorkingGroupType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  static from(entity: WorkingGroupEntity): WorkingGroupType {
    return Object.assign(new WorkingGroupType(), { id: entity.id, name: entity.name });
  }
}

@InputType()
export class CreateWorkingGroupInput {
  @Field(() => String)
  name!: string;

  @Field(() => [ID], { description: 'At least one; a municipality has at most one working group.' })
  municipalityIds!: string[];
}
