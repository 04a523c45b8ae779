import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { Page } from '../../../common/connection.ts';
import { PageInfoType } from '../../../common/connection.type.ts';
import type { WorkingGroupFilter } from './working-group-page.ts';
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

@InputType('WorkingGroupFilter', { description: 'Narrows the list of working groups; every filter given must hold.' })
export class WorkingGroupFilterInput implements WorkingGroupFilter {
  @Field(() => ID, { nullable: true, description: 'Only the groups covering this municipality (with includeClosed, also the closed ones that covered it).' })
  municipalityId?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Closed groups too, as workingGroups(includeClosed: true).' })
  includeClosed?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Part of the name (any case).' })
  search?: string | null;
}

@ObjectType('WorkingGroupConnection', { description: 'A page of working groups, by name (then id).' })
export class WorkingGroupConnectionType {
  @Field(() => [WorkingGroupType])
  nodes!: WorkingGroupType[];

  @Field(() => Int, { description: 'All working groups matching the filter, on every page.' })
  totalCount!: number;

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  static from(page: Page<WorkingGroupEntity>): WorkingGroupConnectionType {
    return Object.assign(new WorkingGroupConnectionType(), { nodes: page.nodes.map(WorkingGroupType.from), totalCount: page.totalCount, pageInfo: PageInfoType.of(page) });
  }
}
