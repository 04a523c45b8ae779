import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../../common/context.ts';
import { badInput } from '../../../common/errors.ts';
import { durableFeed } from '../../../common/feed.ts';
import { myVolunteer } from '../access.ts';
import { NOTIFICATIONS_CHANNEL, latestNotificationCursor, notificationsAfter, type VolunteerNotificationRow } from './renewal.service.ts';
import { CertificateLapseForecastType, VolunteerNotificationType } from './renewal.type.ts';
import { forecastVolunteers } from '../registration/volunteer-lists.ts';
import { VolunteerType } from '../registration/volunteer.type.ts';

function parseCursor(after: unknown): bigint | undefined {
  if (after === null || after === undefined) return undefined;
  if (typeof after !== 'string' || !/^\d{1,19}$/.test(after)) throw badInput('after must be a cursor received with an earlier notification.', { field: 'after' });
  return BigInt(after);
}

@Resolver(() => CertificateLapseForecastType)
export class CertificateLapseForecastResolver {
  @FieldResolver(() => [VolunteerType], {
    nullable: true,
    description: 'Who lapses, soonest first: for the coordinators of their municipality only; for anyone else null, with FORBIDDEN on this field only.',
  })
  volunteers(@Root() forecast: CertificateLapseForecastType, @Ctx() context: RequestContext): Promise<VolunteerType[]> {
    return forecastVolunteers(context, forecast);
  }
}

@Resolver(() => VolunteerNotificationType)
export class VolunteerNotificationResolver {
  @Subscription(() => VolunteerNotificationType, {
    description: 'The caller’s notifications as a volunteer (renewal reminders), in order. Pass the last cursor received as `after` to receive what was missed while away.',
    subscribe: async ({ args, context }) => {
      const { em, principal, notifications } = context as RequestContext;
      const after = parseCursor(args.after);
      const volunteer = await myVolunteer(em, principal);
      return durableFeed<VolunteerNotificationRow>({
        notifications,
        channel: NOTIFICATIONS_CHANNEL,
        key: volunteer.id,
        after,
        latest: () => latestNotificationCursor(em.fork()),
        fetchAfter: (cursor, limit) => notificationsAfter(em.fork(), volunteer.id, cursor, limit),
        cursorOf: (row) => BigInt(row.sequence),
      });
    },
  })
  myVolunteerNotifications(@Root() row: VolunteerNotificationRow, @Arg('after', () => String, { nullable: true }) _after: string | null): VolunteerNotificationType {
    return VolunteerNotificationType.from(row);
  }
}
