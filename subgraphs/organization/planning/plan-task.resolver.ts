import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isAdmin, municipalitiesVisibleTo, requireAuthenticated, Role, WORKING_GROUP_ROLES } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { forbidden } from '../../../common/errors.ts';
import { LocalDate } from '../../../common/scalars.ts';
import { byId, todayOfWorkingGroup } from '../loaders.ts';
import { createPlanTask, getPlanTask, isOverdue, overdueTasksOf, updatePlanTask } from './plan-task.service.ts';
import { CreatePlanTaskInput, PlanTaskType, UpdatePlanTaskInput } from './plan-task.type.ts';
import { may, requireAbility } from '../working-groups/working-group.access.ts';
import { WorkingGroup, WorkingGroupMunicipality } from '../working-groups/working-group.entity.ts';
import { WorkingGroupMember } from '../working-groups/working-group-member.entity.ts';
import { WorkingGroupMemberType } from '../working-groups/working-group-member.type.ts';
import { currentMembershipsOf } from '../working-groups/working-group-member.service.ts';
import { closedAmong, getWorkingGroup } from '../working-groups/working-group.service.ts';
import { requireLocalDate } from '../../../common/zoned-time.ts';
import { WorkingGroupType } from '../working-groups/working-group.type.ts';

/**
 * The working groups whose plan the caller may read without naming one: those
 * they hold a working-group role in, that cover a municipality they are
 * policy officer of, or that they are a member of; every group for ADMIN.
 * Open groups only: a closed group's plan is history, not work.
 */
async function workingGroupsOfCaller(context: RequestContext): Promise<string[]> {
  const { principal, em } = context;
  if (isAdmin(principal)) return (await em.find(WorkingGroup, { closedAt: null }, { orderBy: { name: 'asc' } })).map((group) => group.id);
  const ids = new Set(principal.grants.filter((grant) => WORKING_GROUP_ROLES.includes(grant.role) && grant.scope).map((grant) => grant.scope!));
  const officerOf = municipalitiesVisibleTo(principal, [Role.POLICY_OFFICER]).ids;
  if (officerOf.length) {
    for (const row of await em.find(WorkingGroupMunicipality, { municipalityId: { $in: officerOf } })) ids.add(row.workingGroupId);
  }
  if (!principal.apiClientId) for (const membership of await currentMembershipsOf(em, principal.subject)) ids.add(membership.workingGroupId);
  const closed = await closedAmong(em, [...ids]);
  return [...ids].filter((id) => !closed.has(id));
}

@Resolver(() => PlanTaskType)
export class PlanTaskResolver {
  @Query(() => [PlanTaskType], {
    description:
      'Unfinished plan tasks past their due date (today in the working group’s time zone, or `asOf`), the longest overdue first: of one working group, or of every group the caller takes part in.',
  })
  async overdueTasks(
    @Arg('workingGroupId', () => ID, { nullable: true }) workingGroupId: string | null,
    @Arg('asOf', () => LocalDate, { nullable: true }) asOf: string | null,
    @Ctx() context: RequestContext,
  ): Promise<PlanTaskType[]> {
    requireAuthenticated(context.principal);
    const day = asOf == null ? null : requireLocalDate(asOf, 'asOf');
    let ids: string[];
    if (workingGroupId != null) {
      const group = await getWorkingGroup(context.em, workingGroupId);
      await requireAbility(context, group.id, 'take-part');
      ids = [group.id];
    } else ids = await workingGroupsOfCaller(context);
    return (await overdueTasksOf(context.em, ids, day)).map(PlanTaskType.from);
  }

  @Mutation(() => PlanTaskType, { description: 'Adds a task to the implementation plan. ADMIN, CHAIR or GROUP_LEADER.' })
  async createPlanTask(@Arg('input', () => CreatePlanTaskInput) input: CreatePlanTaskInput, @Ctx() context: RequestContext): Promise<PlanTaskType> {
    const group = await getWorkingGroup(context.em, input.workingGroupId);
    await requireAbility(context, group.id, 'plan');
    return PlanTaskType.from(await createPlanTask(context.em, { ...input, workingGroupId: group.id }));
  }

  @Mutation(() => PlanTaskType, {
    description: 'Changes a task. ADMIN, CHAIR or GROUP_LEADER; the responsible member may change its status only.',
  })
  async updatePlanTask(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdatePlanTaskInput) input: UpdatePlanTaskInput,
    @Ctx() context: RequestContext,
  ): Promise<PlanTaskType> {
    requireAuthenticated(context.principal);
    const task = await getPlanTask(context.em, id);
    if (!(await may(context, task.workingGroupId, 'plan'))) {
      const responsible = await context.em.findOne(WorkingGroupMember, { id: task.responsibleMemberId });
      const onlyStatus = Object.entries(input).every(([key, value]) => key === 'status' || value === undefined);
      const isResponsible = !context.principal.apiClientId && responsible?.userSubject === context.principal.subject;
      if (!isResponsible || !onlyStatus) {
        throw forbidden('Only the chair or group leader may change this task; its responsible member may change its status.');
      }
    }
    return PlanTaskType.from(await updatePlanTask(context.em, task, input));
  }

  @FieldResolver(() => WorkingGroupType)
  async workingGroup(@Root() task: PlanTaskType, @Ctx() context: RequestContext): Promise<WorkingGroupType> {
    return WorkingGroupType.from((await byId(context, WorkingGroup).load(task.workingGroupId))!);
  }

  @FieldResolver(() => WorkingGroupMemberType, { description: 'The member responsible for it.' })
  async responsible(@Root() task: PlanTaskType, @Ctx() context: RequestContext): Promise<WorkingGroupMemberType> {
    return WorkingGroupMemberType.from((await byId(context, WorkingGroupMember).load(task.responsibleMemberId))!);
  }

  @FieldResolver(() => Boolean, { description: 'Unfinished and past its due date, today in the working group’s time zone.' })
  async overdue(@Root() task: PlanTaskType, @Ctx() context: RequestContext): Promise<boolean> {
    return isOverdue(task, await todayOfWorkingGroup(context).load(task.workingGroupId));
  }
}
