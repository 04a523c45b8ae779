import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import type { WorkingGroup as WorkingGroupEntity } from './working-group.entity.ts';

@ObjectType('WorkingGroupClosing', { description: 'A working group closed for good: when, by whom, why.' })
export class WorkingGroupClosingType {
  @Field(() => Date)
  at!: Date;

  @Field(() => String, { description: 'Subject of who closed it.' })
  by!: string;

  @Field(() => String)
  reason!: string;
}

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

  @Field(() => WorkingGroupClosingType, { nullable: true, description: 'Set once it was closed: when, by whom, why. Public.' })
  closed?: WorkingGroupClosingType | null;

  static from(entity: WorkingGroupEntity): WorkingGroupType {
    const { closedAt: at, closedBy: by, closeReason: reason } = entity;
    const closed = at && by && reason ? Object.assign(new WorkingGroupClosingType(), { at, by, reason }) : null;
    return Object.assign(new WorkingGroupType(), { id: entity.id, name: entity.name, closed });
  }
}

@InputType()
export class CreateWorkingGroupInput {
  @Field(() => String)
  name!: string;

  @Field(() => [ID], { description: 'At least one; a municipality has at most one working group.' })
  municipalityIds!: string[];
}
