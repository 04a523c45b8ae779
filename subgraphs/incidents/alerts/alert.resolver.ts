import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription, registerEnumType } from 'type-graphql';
import { PartnerPermission, Role, hasRole, partnerAssociationsOf, requireAuthenticated, requireRole } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { badInput, forbidden, notFound } from '../../../common/errors.ts';
import { durableFeed } from '../../../common/feed.ts';
import { GeoPoint } from '../../../common/geo.type.ts';
import { isId, parseId } from '../../../common/ids.ts';
import { createLogger } from '../../../common/logger.ts';
import { PositionKind } from '../../../common/position-kind.ts';
import { canSeeAlert, isVolunteerSelf } from '../access.ts';
import { AlertTask, AlertUpdateKind } from './alert.entity.ts';
import { alertFramesAfter, memberAlertFramesAfter, type AlertFrame, type IncidentSnapshot } from './alert-reads.ts';
import { sendTestAlert } from './alert.service.ts';
import { AlertType, AlertUpdateType, MemberAlertUpdateType, RouteLegType } from './alert.type.ts';
import { acknowledgeAlerts, confirmDelivered } from '../delivery/delivery.ts';
import { AlertDeliveryType } from '../delivery/delivery.type.ts';
import { FeedChannel, latestCursor, parseCursor } from './feeds.ts';
import { alertLoader, deliveryLoader, incidentLoader } from '../loaders.ts';
import { PeerQueries } from '../peers.ts';
import { AlertResponse, respondToAlert } from './response.service.ts';

const logger = createLogger('incidents');

registerEnumType(AlertResponse, {
  name: 'AlertResponse',
  valuesConfig: {
    ACCEPT: { description: 'I am on my way (with the AED, for FETCH_AED).' },
    DECLINE: { description: 'I cannot go.' },
    ON_SCENE: { description: 'I am with the patient.' },
  },
});

/** The Incident of an alert, for the volunteer-only fields: as read with the alert, or loaded. */
async function incidentOf(alert: AlertType, context: RequestContext): Promise<IncidentSnapshot | null> {
  if (alert.incident !== undefined) return alert.incident;
  return alert.source.incidentId ? incidentLoader(context).load(alert.source.incidentId) : null;
}

@Resolver(() => AlertType)
export class AlertResolver {
  @Query(() => AlertType, { description: 'One alert: for the alerted volunteer, the dispatchers of its incident, or ADMIN.' })
  async alert(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<AlertType> {
    requireAuthenticated(context.principal);
    const alert = await alertLoader(context).load(parseId(id, 'Alert'));
    if (!alert) throw notFound('Alert', id);
    const incident = alert.incidentId ? await incidentLoader(context).load(alert.incidentId) : null;
    if (!canSeeAlert(context.principal, alert.volunteerId, incident?.ambulanceServiceId ?? null)) {
      throw forbidden('Volunteers see only their own alerts.');
    }
    return AlertType.from(alert);
  }

  @Mutation(() => AlertUpdateType, { description: 'Sends a test alert to a volunteer, optionally naming an AED. ADMIN only.' })
  async sendTestAlert(
    @Arg('volunteerId', () => ID) volunteerId: string,
    @Arg('aedId', () => ID, { nullable: true }) aedId: string | null,
    @Ctx() { em, principal, peers }: RequestContext,
  ): Promise<AlertUpdateType> {
    requireRole(principal, Role.ADMIN);
    const volunteer = parseId(volunteerId, 'Volunteer');
    if (aedId !== null && aedId !== undefined && !isId(aedId)) throw badInput('aedId is not a valid id.');
    const aed = aedId ? { aedId: aedId.toLowerCase(), ...(await new PeerQueries(peers).aedLocation(aedId.toLowerCase())) } : null;
    return AlertUpdateType.from(await sendTestAlert(em, volunteer, aed));
  }

  @Mutation(() => AlertType, {
    description:
      'Answers an alert: ACCEPT, DECLINE or ON_SCENE. Only the alerted volunteer. Answering the same twice changes nothing; CONFLICT after the incident ended or after a stand-down.',
  })
  async respondToAlert(
    @Arg('alertId', () => ID) alertId: string,
    @Arg('response', () => AlertResponse) response: AlertResponse,
    @Ctx() context: RequestContext,
  ): Promise<AlertType> {
    requireAuthenticated(context.principal);
    const id = parseId(alertId, 'Alert');
    const alert = await alertLoader(context).load(id);
    if (!alert) throw notFound('Alert', alertId);
    if (!isVolunteerSelf(context.principal, alert.volunteerId)) throw forbidden('Only the alerted volunteer may answer an alert.');
    await respondToAlert(context.em, id, response);
    return AlertType.from((await alertLoader(context).load(id))!);
  }

  @Mutation(() => AlertType, {
    description: 'The app confirms it has the alert (call it as soon as the push arrives): no SMS follows. Only the alerted volunteer; confirming twice changes nothing.',
  })
  async acknowledgeAlert(@Arg('alertId', () => ID) alertId: string, @Ctx() context: RequestContext): Promise<AlertType> {
    requireAuthenticated(context.principal);
    const id = parseId(alertId, 'Alert');
    const alert = await alertLoader(context).load(id);
    if (!alert) throw notFound('Alert', alertId);
    if (!isVolunteerSelf(context.principal, alert.volunteerId)) throw forbidden('Only the alerted volunteer’s app may confirm an alert.');
    await acknowledgeAlerts(context.em, [id]);
    return AlertType.from((await alertLoader(context).load(id))!);
  }

  @FieldResolver(() => AlertDeliveryType, { description: 'How the alert reached the volunteer’s phone: pushed, confirmed by the app, SMS sent or delivered, or failed.' })
  async delivery(@Root() alert: AlertType, @Ctx() context: RequestContext): Promise<AlertDeliveryType> {
    const view = await deliveryLoader(context).load(alert.id);
    return AlertDeliveryType.from(view!);
  }

  @FieldResolver(() => String, { nullable: true, description: 'What the volunteer is asked to do, in words. The alerted volunteer only.' })
  message(@Root() alert: AlertType, @Ctx() context: RequestContext): string | null {
    return isVolunteerSelf(context.principal, alert.source.volunteerId) ? alert.source.message : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Where the patient is. The alerted volunteer only.' })
  async patientAddress(@Root() alert: AlertType, @Ctx() context: RequestContext): Promise<string | null> {
    if (!isVolunteerSelf(context.principal, alert.source.volunteerId)) return null;
    return (await incidentOf(alert, context))?.address ?? null;
  }

  @FieldResolver(() => GeoPoint, { nullable: true, description: 'The patient’s position. The alerted volunteer only.' })
  async patientLocation(@Root() alert: AlertType, @Ctx() context: RequestContext): Promise<GeoPoint | null> {
    if (!isVolunteerSelf(context.principal, alert.source.volunteerId)) return null;
    const incident = await incidentOf(alert, context);
    return incident ? GeoPoint.of(incident.latitude, incident.longitude) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The code of the AED’s locked cabinet. Only the volunteer sent to fetch that AED, and only while the incident is open.',
  })
  async cabinetCode(@Root() alert: AlertType, @Ctx() context: RequestContext): Promise<string | null> {
    const { source } = alert;
    if (source.task !== AlertTask.FETCH_AED || !isVolunteerSelf(context.principal, source.volunteerId)) return null;
    return (await incidentOf(alert, context))?.status === 'OPEN' ? (source.cabinetCode ?? null) : null;
  }

  @FieldResolver(() => [RouteLegType], {
    nullable: true,
    description: 'The legs to walk: to the patient, or to the AED and then to the patient. The alerted volunteer only.',
  })
  route(@Root() alert: AlertType, @Ctx() context: RequestContext): RouteLegType[] | null {
    const { source } = alert;
    if (!source.route || !isVolunteerSelf(context.principal, source.volunteerId)) return null;
    return source.route.map((leg) =>
      Object.assign(new RouteLegType(), { from: GeoPoint.of(leg.from.lat, leg.from.lon), to: GeoPoint.of(leg.to.lat, leg.to.lon), meters: leg.meters }),
    );
  }

  @FieldResolver(() => PositionKind, { nullable: true, description: 'Which of the volunteer’s positions put them near. The alerted volunteer only.' })
  positionKind(@Root() alert: AlertType, @Ctx() context: RequestContext): PositionKind | null {
    return isVolunteerSelf(context.principal, alert.source.volunteerId) ? (alert.source.positionKind ?? null) : null;
  }

  @Subscription(() => AlertUpdateType, {
    description:
      'A volunteer’s alerts and what happens to them (stood down, incident closed), in order; themselves only. Pass the last cursor received as `after` to receive what was missed while away. An alert delivered here counts as confirmed by the app (see acknowledgeAlert).',
    subscribe: ({ args, context }) => {
      const { principal, em, notifications } = context as RequestContext;
      requireAuthenticated(principal);
      const volunteerId = parseId(args.volunteerId as string, 'Volunteer');
      if (!hasRole(principal, Role.VOLUNTEER, volunteerId)) throw forbidden('You may only receive your own alerts.');
      // The frame reaching the app is its confirmation too: no SMS need follow. Confirmed
      // beside the delivery, not before it, so that no volunteer's frame waits for another's.
      const confirm = (frames: readonly AlertFrame[]) => {
        const unconfirmed = frames.filter((frame) => frame.kind === AlertUpdateKind.ALERTED && !frame.alert.acknowledgedAt).map((frame) => frame.alert.id);
        confirmDelivered(em, unconfirmed, (error) => logger.error({ err: error, volunteerId }, 'confirming delivered alerts failed'));
      };
      return durableFeed<AlertFrame>({
        notifications,
        channel: FeedChannel.ALERTS,
        key: volunteerId,
        after: parseCursor(args.after as string | undefined),
        latest: () => latestCursor(em, 'alert_update'),
        fetchAfter: async (cursor, limit) => {
          const frames = await alertFramesAfter(em, volunteerId, cursor, limit);
          confirm(frames);
          return frames;
        },
        cursorOf: (frame) => BigInt(frame.sequence),
        delivered: confirm,
      });
    },
  })
  myAlerts(@Root() frame: AlertFrame, @Arg('volunteerId', () => ID) _volunteerId: string, @Arg('after', () => String, { nullable: true }) _after: string | null): AlertUpdateType {
    return AlertUpdateType.from(frame);
  }

  @Subscription(() => MemberAlertUpdateType, {
    description:
      'For a partner association’s app: the alerts of its own members as they happen, to forward as push notifications; no address, phone number or position. Needs the ALERTS permission. Resume with `after`.',
    subscribe: ({ args, context }) => {
      const { principal, em, notifications } = context as RequestContext;
      requireAuthenticated(principal);
      const associationId = parseId(args.associationId as string, 'PartnerAssociation');
      if (!partnerAssociationsOf(principal, PartnerPermission.ALERTS).includes(associationId)) {
        throw forbidden('Only the partner association itself, with the ALERTS permission, receives its members’ alerts.');
      }
      return durableFeed<AlertFrame>({
        notifications,
        channel: FeedChannel.MEMBER_ALERTS,
        key: associationId,
        after: parseCursor(args.after as string | undefined),
        latest: () => latestCursor(em, 'alert_update'),
        fetchAfter: (cursor, limit) => memberAlertFramesAfter(em, associationId, cursor, limit),
        cursorOf: (frame) => BigInt(frame.sequence),
      });
    },
  })
  memberAlerts(
    @Root() frame: AlertFrame,
    @Arg('associationId', () => ID) _associationId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): MemberAlertUpdateType {
    return MemberAlertUpdateType.from(frame);
  }
}
