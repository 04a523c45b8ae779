import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireRole, Role } from '../../../common/auth.ts';
import { AFTER, FIRST } from '../../../common/connection.type.ts';
import type { RequestContext } from '../../../common/context.ts';
import { LocalDate } from '../../../common/scalars.ts';
import { byId, municipalityIdsOfWorkingGroup } from '../loaders.ts';
import { Municipality } from '../municipalities/municipality.entity.ts';
import { MunicipalityType } from '../municipalities/municipality.type.ts';
import { PlanTaskStatus } from '../planning/plan-task.entity.ts';
import { overdueTasksOf, planOf } from '../planning/plan-task.service.ts';
import { PlanTaskType } from '../planning/plan-task.type.ts';
import { ProblemReportStatus } from '../planning/problem-report.entity.ts';
import { problemReportsOf } from '../planning/problem-report.service.ts';
import { ProblemReportType } from '../planning/problem-report.type.ts';
import { requireLocalDate } from '../../../common/zoned-time.ts';
import { requireAbility } from './working-group.access.ts';
import { WorkingGroup } from './working-group.entity.ts';
import { membersOf } from './working-group-member.service.ts';
import { WorkingGroupMemberType } from './working-group-member.type.ts';
import { closeWorkingGroup, createWorkingGroup, getWorkingGroup } from './working-group.service.ts';
import { workingGroupPage } from './working-group-page.ts';
import { CreateWorkingGroupInput, WorkingGroupConnectionType, WorkingGroupFilterInput, WorkingGroupType } from './working-group.type.ts';

@Resolver(() => WorkingGroupType)
export class WorkingGroupResolver {
  @Query(() => [WorkingGroupType], { description: 'Working groups, by name: the open ones, closed ones too with includeClosed. Public (names and municipalities only).' })
  async workingGroups(@Arg('includeClosed', () => Boolean, { defaultValue: false }) includeClosed: boolean, @Ctx() { em }: RequestContext): Promise<WorkingGroupType[]> {
    return (await em.find(WorkingGroup, includeClosed ? {} : { closedAt: null }, { orderBy: { name: 'asc' } })).map(WorkingGroupType.from);
  }

  @Query(() => WorkingGroupConnectionType, {
    description: 'Working groups a page at a time, by name (then id): the open ones, closed ones too with filter.includeClosed. Public (names and municipalities only).',
  })
  async workingGroupsConnection(
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first: number | null | undefined,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | null | undefined,
    @Arg('filter', () => WorkingGroupFilterInput, { nullable: true }) filter: WorkingGroupFilterInput | null | undefined,
    @Ctx() { em }: RequestContext,
  ): Promise<WorkingGroupConnectionType> {
    return WorkingGroupConnectionType.from(await workingGroupPage(em, { first, after, filter }));
  }

  @Query(() => WorkingGroupType, { description: 'One working group. Public (names and municipalities only).' })
  async workingGroup(@Arg('id', () => ID) id: string, @Ctx() { em }: RequestContext): Promise<WorkingGroupType> {
    return WorkingGroupType.from(await getWorkingGroup(em, id));
  }

  @Mutation(() => WorkingGroupType, { description: 'Sets up a working group for one or more municipalities. ADMIN only.' })
  async createWorkingGroup(@Arg('input', () => CreateWorkingGroupInput) input: CreateWorkingGroupInput, @Ctx() { em, principal }: RequestContext): Promise<WorkingGroupType> {
    requireRole(principal, Role.ADMIN);
    return WorkingGroupType.from(await createWorkingGroup(em, input));
  }

  @Mutation(() => WorkingGroupType, {
    description:
      'Closes a working group for good, saying why: kept for its history (readable by ADMIN and the policy officers of its municipalities), but its members’ roles grant nothing from then on, it leaves workingGroups and Municipality.workingGroup, its municipalities may get a new group, and it can no longer be changed (CONFLICT). ADMIN only, as creating one is.',
  })
  async closeWorkingGroup(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() { em, principal }: RequestContext): Promise<WorkingGroupType> {
    requireRole(principal, Role.ADMIN);
    return WorkingGroupType.from(await closeWorkingGroup(em, await getWorkingGroup(em, id), reason, principal.subject));
  }

  @FieldResolver(() => [MunicipalityType], { description: 'The municipalities it covers, by name.' })
  async municipalities(@Root() group: WorkingGroupType, @Ctx() context: RequestContext): Promise<MunicipalityType[]> {
    const ids = await municipalityIdsOfWorkingGroup(context).load(group.id);
    const rows = (await byId(context, Municipality).loadMany(ids)).filter((row): row is Municipality => row instanceof Municipality);
    return rows.sort((a, b) => a.name.localeCompare(b.name)).map(MunicipalityType.from);
  }

  @FieldResolver(() => [WorkingGroupMemberType], {
    nullable: true,
    description:
      'Its members, by name (current and future; former ones too with includeFormer). Members, coordinators, policy officers; for anyone else null, with FORBIDDEN on this field only.',
  })
  async members(
    @Root() group: WorkingGroupType,
    @Arg('includeFormer', () => Boolean, { defaultValue: false }) includeFormer: boolean,
    @Ctx() context: RequestContext,
  ): Promise<WorkingGroupMemberType[]> {
    await requireAbility(context, group.id, 'take-part');
    return (await membersOf(context.em, group.id, includeFormer)).map(WorkingGroupMemberType.from);
  }

  @FieldResolver(() => [PlanTaskType], {
    nullable: true,
    description: 'The implementation plan, by due date. Members, coordinators, policy officers; for anyone else null, with FORBIDDEN on this field only.',
  })
  async plan(
    @Root() group: WorkingGroupType,
    @Arg('status', () => PlanTaskStatus, { nullable: true }) status: PlanTaskStatus | null,
    @Ctx() context: RequestContext,
  ): Promise<PlanTaskType[]> {
    await requireAbility(context, group.id, 'take-part');
    return (await planOf(context.em, group.id, status)).map(PlanTaskType.from);
  }

  @FieldResolver(() => [PlanTaskType], {
    nullable: true,
    description: 'Unfinished tasks past their due date. Members, coordinators, policy officers; for anyone else null, with FORBIDDEN on this field only.',
  })
  async overdueTasks(
    @Root() group: WorkingGroupType,
    @Arg('asOf', () => LocalDate, { nullable: true }) asOf: string | null,
    @Ctx() context: RequestContext,
  ): Promise<PlanTaskType[]> {
    const day = asOf == null ? null : requireLocalDate(asOf, 'asOf');
    await requireAbility(context, group.id, 'take-part');
    return (await overdueTasksOf(context.em, [group.id], day)).map(PlanTaskType.from);
  }

  @FieldResolver(() => [ProblemReportType], {
    nullable: true,
    description: 'Problem reports, newest first. Members, coordinators, policy officers; for anyone else null, with FORBIDDEN on this field only.',
  })
  async problemReports(
    @Root() group: WorkingGroupType,
    @Arg('status', () => ProblemReportStatus, { nullable: true }) status: ProblemReportStatus | null,
    @Ctx() context: RequestContext,
  ): Promise<ProblemReportType[]> {
    await requireAbility(context, group.id, 'take-part');
    return (await problemReportsOf(context.em, group.id, status)).map(ProblemReportType.from);
  }
}
