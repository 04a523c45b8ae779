import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Principal } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { badInput } from '../../../common/errors.ts';
import { durableFeed } from '../../../common/feed.ts';
import { byId } from '../loaders.ts';
import { ProblemReport, ProblemReportStatus, type ProblemReportEvent } from './problem-report.entity.ts';
import {
  PROBLEM_REPORTS_CHANNEL,
  changeProblemReportStatus,
  getProblemReport,
  historyOf,
  latestProblemReportCursor,
  problemReportEventsAfter,
  reportProblem,
  type Actor,
} from './problem-report.service.ts';
import { ProblemReportEventType, ProblemReportType, ReportProblemInput } from './problem-report.type.ts';
import { requireAbility } from '../working-groups/working-group.access.ts';
import { WorkingGroup } from '../working-groups/working-group.entity.ts';
import { currentMembership } from '../working-groups/working-group-member.service.ts';
import { getWorkingGroup } from '../working-groups/working-group.service.ts';
import { WorkingGroupType } from '../working-groups/working-group.type.ts';

function parseCursor(after: string | null | undefined): bigint | undefined {
  if (after === null || after === undefined) return undefined;
  if (!/^\d{1,19}$/.test(after)) throw badInput('after must be a cursor received with an earlier event.');
  return BigInt(after);
}

async function actorIn(context: RequestContext, workingGroupId: string, principal: Principal): Promise<Actor> {
  const membership = await currentMembership(context.em, workingGroupId, principal.subject);
  return { subject: principal.subject, name: membership?.name ?? null };
}

@Resolver(() => ProblemReportType)
export class ProblemReportResolver {
  @Query(() => ProblemReportType, { description: 'One problem report. Members, coordinators and policy officers of its working group.' })
  async problemReport(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ProblemReportType> {
    const report = await getProblemReport(context.em, id);
    await requireAbility(context, report.workingGroupId, 'take-part');
    return ProblemReportType.from(report);
  }

  @Mutation(() => ProblemReportType, {
    description:
      'Reports a problem that puts the programme at risk or delays it; the chair receives it at once (problemReportEvents). Any member, coordinator or policy officer of the working group.',
  })
  async reportProblem(@Arg('input', () => ReportProblemInput) input: ReportProblemInput, @Ctx() context: RequestContext): Promise<ProblemReportType> {
    const group = await getWorkingGroup(context.em, input.workingGroupId);
    await requireAbility(context, group.id, 'take-part');
    const actor = await actorIn(context, group.id, context.principal);
    return ProblemReportType.from(await reportProblem(context.em, { ...input, workingGroupId: group.id }, actor));
  }

  @Mutation(() => ProblemReportType, {
    description: 'Moves a problem report on (OPEN → ACKNOWLEDGED → RESOLVED), with a note. ADMIN, CHAIR or GROUP_LEADER.',
  })
  async updateProblemReportStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => ProblemReportStatus) status: ProblemReportStatus,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() context: RequestContext,
  ): Promise<ProblemReportType> {
    const report = await getProblemReport(context.em, id);
    await requireAbility(context, report.workingGroupId, 'decide');
    const actor = await actorIn(context, report.workingGroupId, context.principal);
    return ProblemReportType.from(await changeProblemReportStatus(context.em, report, status, note, actor));
  }

  @Subscription(() => ProblemReportEventType, {
    description:
      'Every new problem report and status change of a working group, in order: for its CHAIR (or ADMIN). Pass the last cursor received as `after` to receive what was missed while away.',
    subscribe: async ({ args, context }) => {
      const requestContext = context as RequestContext;
      const group = await getWorkingGroup(requestContext.em, args.workingGroupId as string);
      await requireAbility(requestContext, group.id, 'chair');
      const { em, notifications } = requestContext;
      return durableFeed<ProblemReportEvent>({
        notifications,
        channel: PROBLEM_REPORTS_CHANNEL,
        key: group.id,
        after: parseCursor(args.after as string | undefined),
        latest: () => latestProblemReportCursor(em),
        fetchAfter: (cursor, limit) => problemReportEventsAfter(em, group.id, cursor, limit),
        cursorOf: (event) => BigInt(event.sequence),
      });
    },
  })
  problemReportEvents(
    @Root() event: ProblemReportEvent,
    @Arg('workingGroupId', () => ID) _workingGroupId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): ProblemReportEventType {
    return ProblemReportEventType.from(event);
  }

  @FieldResolver(() => WorkingGroupType)
  async workingGroup(@Root() report: ProblemReportType, @Ctx() context: RequestContext): Promise<WorkingGroupType> {
    return WorkingGroupType.from((await byId(context, WorkingGroup).load(report.workingGroupId))!);
  }

  @FieldResolver(() => [ProblemReportEventType], { description: 'Who set which status when, oldest first.' })
  async history(@Root() report: ProblemReportType, @Ctx() context: RequestContext): Promise<ProblemReportEventType[]> {
    return (await historyOf(context.em.fork(), report.id)).map(ProblemReportEventType.from);
  }
}

@Resolver(() => ProblemReportEventType)
export class ProblemReportEventResolver {
  @FieldResolver(() => ProblemReportType, { description: 'The report as it stands now.' })
  async report(@Root() event: ProblemReportEventType, @Ctx() context: RequestContext): Promise<ProblemReportType> {
    // A fresh fork: on a long-lived subscription, the request's identity map would show the report as it first was.
    const report = await context.em.fork().findOneOrFail(ProblemReport, { id: event.problemReportId });
    return ProblemReportType.from(report);
  }
}
