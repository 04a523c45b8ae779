import { Arg, Ctx, ID, Mutation, Resolver, Subscription, Root } from 'type-graphql';
import { Role, hasRole, requireAuthenticated, requireRole } from '../../common/auth.ts';
import type { RequestContext } from '../../common/context.ts';
import { badInput, forbidden } from '../../common/errors.ts';
import { durableFeed } from '../../common/feed.ts';
import { isId, parseId } from '../../common/ids.ts';
import type { Alert } from './alert.entity.ts';
import { ALERTS_CHANNEL, alertsAfter, latestAlertCursor, sendTestAlert } from './alert.service.ts';
import { AlertType } from './alert.type.ts';

function parseCursor(after: string | null | undefined): bigint | undefined {
  if (after === null || after === undefined) return undefined;
  if (!/^\d{1,19}$/.test(after)) throw badInput('after must be a cursor received with an earlier alert.');
  return BigInt(after);
}

@Resolver(() => AlertType)
export class AlertResolver {
  @Mutation(() => AlertType, { description: 'Sends a test alert to a volunteer. ADMIN only.' })
  async sendTestAlert(
    @Arg('volunteerId', () => ID) volunteerId: string,
    @Arg('aedId', () => ID, { nullable: true }) aedId: string | null,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<AlertType> {
    requireRole(principal, Role.ADMIN);
    const volunteer = parseId(volunteerId, 'Volunteer');
    if (aedId !== null && aedId !== undefined && !isId(aedId)) throw badInput('aedId is not a valid id.');
    return AlertType.from(await sendTestAlert(em, volunteer, aedId ?? null));
  }

  @Subscription(() => AlertType, {
    description:
      'Alerts for one volunteer (themselves only), in order. Pass the last cursor received as `after` to receive what was missed while away.',
    subscribe: ({ args, context }) => {
      const { principal, em, notifications } = context as RequestContext;
      requireAuthenticated(principal);
      const volunteerId = parseId(args.volunteerId as string, 'Volunteer');
      if (!hasRole(principal, Role.VOLUNTEER, volunteerId)) throw forbidden('You may only receive your own alerts.');
      return durableFeed<Alert>({
        notifications,
        channel: ALERTS_CHANNEL,
        key: volunteerId,
        after: parseCursor(args.after as string | undefined),
        latest: () => latestAlertCursor(em),
        fetchAfter: (cursor, limit) => alertsAfter(em, volunteerId, cursor, limit),
        cursorOf: (alert) => BigInt(alert.sequence),
      });
    },
  })
  myAlerts(
    @Root() alert: Alert,
    @Arg('volunteerId', () => ID) _volunteerId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): AlertType {
    return AlertType.from(alert);
  }
}
