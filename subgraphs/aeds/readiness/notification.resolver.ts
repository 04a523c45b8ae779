import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../../common/context.ts';
import { badInput, notFound } from '../../../common/errors.ts';
import { durableFeed } from '../../../common/feed.ts';
import type { AedNotification } from './aed-notification.entity.ts';
import { requireAedManager } from '../registry/aed.access.ts';
import { getAed } from '../registry/aed.service.ts';
import { AedType } from '../registry/aed.type.ts';
import { aedById } from '../loaders.ts';
import { AED_NOTIFICATIONS_CHANNEL, latestNotificationCursor, notificationsAfter } from './notification.service.ts';
import { AedNotificationType } from './notification.type.ts';

function parseCursor(after: string | null | undefined): bigint | undefined {
  if (after === null || after === undefined) return undefined;
  if (!/^\d{1,19}$/.test(after)) throw badInput('after must be a cursor received with an earlier notification.');
  return BigInt(after);
}

@Resolver(() => AedNotificationType)
export class AedNotificationResolver {
  @Subscription(() => AedNotificationType, {
    description:
      'Notifications about one AED for its owner and guardians, in order: it was used at an incident, a battery or pads expiry or a check is coming up or has passed. Its guardians, the coordinators of its municipality, ADMIN. Pass the last cursor received as `after` to receive what was missed while away ("0" for everything).',
    subscribe: async ({ args, context }) => {
      const { principal, em, notifications } = context as RequestContext;
      const aed = await getAed(em, args.aedId as string);
      requireAedManager(principal, aed);
      return durableFeed<AedNotification>({
        notifications,
        channel: AED_NOTIFICATIONS_CHANNEL,
        key: aed.id,
        after: parseCursor(args.after as string | undefined),
        latest: () => latestNotificationCursor(em),
        fetchAfter: (cursor, limit) => notificationsAfter(em, aed.id, cursor, limit),
        cursorOf: (notification) => BigInt(notification.sequence),
      });
    },
  })
  aedNotifications(
    @Root() notification: AedNotification,
    @Arg('aedId', () => ID) _aedId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): AedNotificationType {
    return AedNotificationType.from(notification);
  }

  @FieldResolver(() => AedType)
  async aed(@Root() notification: AedNotificationType, @Ctx() context: RequestContext): Promise<AedType> {
    const aed = await aedById(context).load(notification.aedId);
    if (!aed) throw notFound('Aed', notification.aedId);
    return AedType.from(aed);
  }
}
