import { Arg, Ctx, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { municipalitiesVisibleTo, requireAuthenticated } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { forbidden } from '../../../common/errors.ts';
import { durableFeed } from '../../../common/feed.ts';
import { parseId } from '../../../common/ids.ts';
import { isVolunteerSelf } from '../access.ts';
import { AftercareEscalation, AftercareFollowUp } from './aftercare.entity.ts';
import { ALL_MUNICIPALITIES, answerFollowUp } from './aftercare.service.ts';
import { AftercareAnswerInput, AftercareEscalationType, AftercareFollowUpType } from './aftercare.type.ts';
import { FeedChannel, latestCursor, parseCursor } from '../alerts/feeds.ts';

@Resolver(() => AftercareFollowUpType)
export class AftercareResolver {
  @Mutation(() => AftercareFollowUpType, {
    description:
      'Answers a follow-up (the volunteer it was sent to only). An answer that says the volunteer is struggling, or asks to talk, goes to the aftercare contacts at once. CONFLICT when answered before.',
  })
  async answerAftercareFollowUp(
    @Arg('followUpId', () => ID) followUpId: string,
    @Arg('answer', () => AftercareAnswerInput) answer: AftercareAnswerInput,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<AftercareFollowUpType> {
    requireAuthenticated(principal);
    const questionnaire = answer.questionnaire ? { ...answer.questionnaire } : null;
    return AftercareFollowUpType.from(await answerFollowUp(em, principal, parseId(followUpId, 'AftercareFollowUp'), { ...answer, questionnaire }));
  }

  @Subscription(() => AftercareFollowUpType, {
    description: 'A volunteer’s aftercare follow-ups, each when it is due; themselves only. Pass the last cursor received as `after` to receive what was missed while away.',
    subscribe: ({ args, context }) => {
      const { principal, em, notifications } = context as RequestContext;
      requireAuthenticated(principal);
      const volunteerId = parseId(args.volunteerId as string, 'Volunteer');
      if (!isVolunteerSelf(principal, volunteerId)) throw forbidden('You may only receive your own aftercare follow-ups.');
      return durableFeed<AftercareFollowUp>({
        notifications,
        channel: FeedChannel.AFTERCARE,
        key: volunteerId,
        after: parseCursor(args.after as string | undefined),
        latest: () => latestCursor(em, 'aftercare_follow_up'),
        fetchAfter: (cursor, limit) => em.fork().find(AftercareFollowUp, { volunteerId, sequence: { $gt: String(cursor) } }, { orderBy: { sequence: 'asc' }, limit }),
        cursorOf: (followUp) => BigInt(followUp.sequence),
      });
    },
  })
  myAftercare(
    @Root() followUp: AftercareFollowUp,
    @Arg('volunteerId', () => ID) _volunteerId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): AftercareFollowUpType {
    return AftercareFollowUpType.from(followUp);
  }

  @Subscription(() => AftercareEscalationType, {
    description:
      'For the aftercare contacts (policy officer, chair, group leader, administrative support) of the municipalities you coordinate: volunteers to reach out to after an incident, because a follow-up stayed unanswered or the answer was worrying. Resume with `after`.',
    subscribe: ({ args, context }) => {
      const { principal, em, notifications } = context as RequestContext;
      requireAuthenticated(principal);
      const visible = municipalitiesVisibleTo(principal);
      if (!visible.all && visible.ids.length === 0) throw forbidden('Only aftercare contacts of a municipality receive escalations.');
      const where = visible.all ? {} : { municipalityId: { $in: visible.ids } };
      return durableFeed<AftercareEscalation>({
        notifications,
        channel: FeedChannel.ESCALATIONS,
        key: visible.all ? ALL_MUNICIPALITIES : visible.ids,
        after: parseCursor(args.after as string | undefined),
        latest: () => latestCursor(em, 'aftercare_escalation'),
        fetchAfter: (cursor, limit) =>
          em.fork().find(AftercareEscalation, { ...where, sequence: { $gt: String(cursor) } }, { populate: ['followUp'], orderBy: { sequence: 'asc' }, limit }),
        cursorOf: (escalation) => BigInt(escalation.sequence),
      });
    },
  })
  aftercareEscalations(@Root() escalation: AftercareEscalation, @Arg('after', () => String, { nullable: true }) _after: string | null): AftercareEscalationType {
    return AftercareEscalationType.from(escalation);
  }
}
