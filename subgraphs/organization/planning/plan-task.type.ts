import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '../../../common/scalars.ts';
import { PlanTaskStatus, type PlanTask as PlanTaskEntity } from './plan-task.entity.ts';

registerEnumType(PlanTaskStatus, { name: 'PlanTaskStatus' });

@ObjectType('PlanTask', { description: 'A task of a working group’s implementation plan.' })
export class PlanTaskType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { description: 'The organisation that carries it out.' })
  organisation!: string;

  @Field(() => LocalDate)
  dueDate!: string;

  @Field(() => PlanTaskStatus)
  status!: PlanTaskStatus;

  @Field(() => Date)
  updatedAt!: Date;

  /** Not fields: read by the resolvers of `workingGroup`, `responsible` and `overdue`. */
  workingGroupId!: string;
  responsibleMemberId!: string;

  static from(entity: PlanTaskEntity): PlanTaskType {
    return Object.assign(new PlanTaskType(), {
      id: entity.id,
      title: entity.title,
      description: entity.description ?? null,
      organisation: entity.organisation,
      dueDate: entity.dueDate,
      status: entity.status,
      updatedAt: entity.updatedAt,
      workingGroupId: entity.workingGroupId,
      responsibleMemberId: entity.responsibleMemberId,
    });
  }
}

@InputType()
export class CreatePlanTaskInput {
  @Field(() => ID)
  workingGroupId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ID, { description: 'A current member of the same working group.' })
  responsibleMemberId!: string;

  @Field(() => String, { nullable: true, description: 'Default: the responsible member’s organisation.' })
  organisation?: string | null;

  @Field(() => LocalDate)
  dueDate!: string;
}

@InputType({ description: 'Changes to a task: an absent field stays as it is.' })
export class UpdatePlanTaskInput {
  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ID, { nullable: true })
  responsibleMemberId?: string;

  @Field(() => String, { nullable: true })
  organisation?: string;

  @Field(() => LocalDate, { nullable: true })
  dueDate?: string;

  @Field(() => PlanTaskStatus, { nullable: true })
  status?: PlanTaskStatus;
}
