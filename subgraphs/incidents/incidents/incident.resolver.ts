import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { isAdmin, requireAuthenticated, Role, scopesOf } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { badInput, notFound } from '../../../common/errors.ts';
import { durableFeed } from '../../../common/feed.ts';
import { parseId } from '../../../common/ids.ts';
import { createLogger } from '../../../common/logger.ts';
import { requireIncidentAccess } from '../access.ts';
import { AlertStatus, AlertTask, type Alert } from '../alerts/alert.entity.ts';
import { alertsOfIncident } from '../alerts/alert-reads.ts';
import { AlertType } from '../alerts/alert.type.ts';
import { deliverySummaryOf } from '../delivery/delivery.ts';
import { IncidentDeliverySummaryType } from '../delivery/delivery.type.ts';
import { FeedChannel, latestCursor, parseCursor } from '../alerts/feeds.ts';
import { IncidentEvent, IncidentEventKind } from './incident-event.entity.ts';
import { Incident, IncidentOutcome, IncidentStatus } from './incident.entity.ts';
import { cancelIncident, closeIncident, recordAmbulanceArrival, reportIncident } from './incident.service.ts';
import { AedOnItsWayType, IncidentEventType, IncidentType, ReportIncidentInput } from './incident.type.ts';
import { alertLoader, incidentLoader } from '../loaders.ts';
import { PeerQueries } from '../peers.ts';
import { AedRef, VolunteerRef } from '../references.ts';

const logger = createLogger('incidents');

/** Most incidents listed at once. */
const MAX_LISTED = 200;

async function loadIncident(context: RequestContext, id: string): Promise<Incident> {
  const incident = await incidentLoader(context).load(parseId(id, 'Incident'));
  if (!incident) throw notFound('Incident', id);
  return incident;
}

/**
 * DELIVERY news only for those who ask: it comes often (every push answer,
 * every app confirmation), and a timeline read for what happened stays readable without it.
 */
function kindsOf(delivery: boolean) {
  return delivery ? {} : { kind: { $ne: IncidentEventKind.DELIVERY } };
}

/** Per request: the alerts a report in this request has just committed, as stored. */
const WRITTEN_ALERTS = 'incidents.written-alerts';

function writtenAlerts(context: RequestContext): Map<string, readonly Alert[]> {
  let written = context.loaders.get(WRITTEN_ALERTS) as Map<string, readonly Alert[]> | undefined;
  if (!written) context.loaders.set(WRITTEN_ALERTS, (written = new Map()));
  return written;
}

async function alertsOf(context: RequestContext, incidentId: string): Promise<readonly Alert[]> {
  // A new report answers with the alerts it committed: reading them back would compete with their frames.
  return writtenAlerts(context).get(incidentId) ?? alertsOfIncident(context.em, incidentId);
}

@Resolver(() => IncidentType)
export class IncidentResolver {
  @Query(() => IncidentType, { description: 'One incident: dispatchers of the reporting ambulance service, or ADMIN.' })
  async incident(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<IncidentType> {
    requireAuthenticated(context.principal);
    const incident = await loadIncident(context, id);
    requireIncidentAccess(context.principal, incident.ambulanceServiceId);
    return IncidentType.from(incident);
  }

  @Query(() => [IncidentType], { description: 'The latest incidents of your ambulance services (all for ADMIN), newest first.' })
  async incidents(
    @Arg('status', () => IncidentStatus, { nullable: true }) status: IncidentStatus | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Ctx() context: RequestContext,
  ): Promise<IncidentType[]> {
    requireAuthenticated(context.principal);
    if (!Number.isInteger(first) || first < 1 || first > MAX_LISTED) throw badInput(`first must be from 1 to ${MAX_LISTED}.`);
    const services = scopesOf(context.principal, Role.DISPATCHER);
    if (!isAdmin(context.principal) && services.length === 0) return [];
    const where = {
      ...(isAdmin(context.principal) ? {} : { ambulanceServiceId: { $in: services } }),
      ...(status ? { status } : {}),
    };
    const incidents = await context.em.fork().find(Incident, where, { orderBy: { createdAt: 'desc' }, limit: first });
    return incidents.map(IncidentType.from);
  }

  @Mutation(() => IncidentType, {
    description:
      'Reports a suspected cardiac arrest and alerts volunteers nearby. DISPATCHER of an ambulance service serving the place. Idempotent: the same dispatch reference of the same service returns the same incident (CONFLICT if it is reused for another patient).',
  })
  async reportIncident(@Arg('input', () => ReportIncidentInput) input: ReportIncidentInput, @Ctx() context: RequestContext): Promise<IncidentType> {
    const incident = await reportIncident(
      // The dispatch lane's connections: never queued behind incident lists or coverage.
      {
        em: context.dispatchEm,
        principal: context.principal,
        peers: new PeerQueries(context.peers),
        logger,
        written: (incidentId, alerts) => writtenAlerts(context).set(incidentId, alerts),
      },
      {
        ambulanceServiceId: input.ambulanceServiceId ? parseId(input.ambulanceServiceId, 'AmbulanceService') : null,
        dispatchReference: input.dispatchReference,
        latitude: input.location.latitude,
        longitude: input.location.longitude,
        address: input.address,
        callReceivedAt: input.callReceivedAt,
        exclusions: input.exclusions,
      },
    );
    return IncidentType.from(incident);
  }

  @Mutation(() => IncidentType, {
    description:
      'Closes an open incident with its outcome. Volunteers who had not answered are stood down; aftercare is scheduled for those who went. CONFLICT when already closed or cancelled.',
  })
  async closeIncident(
    @Arg('incidentId', () => ID) incidentId: string,
    @Arg('outcome', () => IncidentOutcome) outcome: IncidentOutcome,
    @Ctx() context: RequestContext,
  ): Promise<IncidentType> {
    requireAuthenticated(context.principal);
    return IncidentType.from(await closeIncident(context.em, context.principal, parseId(incidentId, 'Incident'), outcome));
  }

  @Mutation(() => IncidentType, {
    description: 'Cancels an open incident (e.g. not a cardiac arrest after all): every volunteer still alerted is stood down.',
  })
  async cancelIncident(@Arg('incidentId', () => ID) incidentId: string, @Arg('reason', () => String) reason: string, @Ctx() context: RequestContext): Promise<IncidentType> {
    requireAuthenticated(context.principal);
    return IncidentType.from(await cancelIncident(context.em, context.principal, parseId(incidentId, 'Incident'), reason));
  }

  @Mutation(() => IncidentType, {
    description:
      'Records when the ambulance arrived at the patient (default: now), also after the incident was closed (not after its close, nor for a cancelled one). Outcome statistics count a volunteer or AED "before the ambulance" only where this is recorded. The same time again changes nothing; another is a CONFLICT.',
  })
  async recordAmbulanceArrival(
    @Arg('incidentId', () => ID) incidentId: string,
    @Arg('at', () => Date, { nullable: true }) at: Date | null,
    @Ctx() context: RequestContext,
  ): Promise<IncidentType> {
    requireAuthenticated(context.principal);
    return IncidentType.from(await recordAmbulanceArrival(context.em, context.principal, parseId(incidentId, 'Incident'), at ?? new Date()));
  }

  @FieldResolver(() => [AlertType], { description: 'Every volunteer alerted, nearest first, with task, status and ETA.' })
  async alerts(@Root() incident: IncidentType, @Ctx() context: RequestContext): Promise<AlertType[]> {
    return (await alertsOf(context, incident.id)).map((alert) => AlertType.from(alert));
  }

  @FieldResolver(() => [AlertType], { description: 'Who is coming: the volunteers who accepted or are on scene, with task and expected arrival.' })
  async responders(@Root() incident: IncidentType, @Ctx() context: RequestContext): Promise<AlertType[]> {
    const alerts = await alertsOf(context, incident.id);
    return alerts.filter((alert) => alert.status === AlertStatus.ACCEPTED || alert.status === AlertStatus.ON_SCENE).map((alert) => AlertType.from(alert));
  }

  @FieldResolver(() => [AedOnItsWayType], { description: 'The AEDs on their way: fetched by a volunteer who accepted and has not yet arrived.' })
  async aedsOnTheirWay(@Root() incident: IncidentType, @Ctx() context: RequestContext): Promise<AedOnItsWayType[]> {
    const alerts = await alertsOf(context, incident.id);
    return alerts
      .filter((alert) => alert.task === AlertTask.FETCH_AED && alert.status === AlertStatus.ACCEPTED && alert.aedId)
      .map((alert) =>
        Object.assign(new AedOnItsWayType(), {
          aed: AedRef.of(alert.aedId!),
          volunteer: VolunteerRef.of(alert.volunteerId),
          alertId: alert.id,
          expectedArrivalAt: AlertType.from(alert).expectedArrivalAt,
        }),
      );
  }

  @FieldResolver(() => IncidentDeliverySummaryType, {
    description: 'How the alerts reached the phones, now: how many rang, were confirmed in the app, went by SMS, could not be reached.',
  })
  async delivery(@Root() incident: IncidentType, @Ctx() context: RequestContext): Promise<IncidentDeliverySummaryType> {
    return IncidentDeliverySummaryType.from(await deliverySummaryOf(context.em.fork(), incident.id));
  }

  @FieldResolver(() => [IncidentEventType], {
    description: 'Everything that happened, in order; with `delivery: true` also the DELIVERY news of how the alerts reached the phones.',
  })
  async timeline(
    @Root() incident: IncidentType,
    @Arg('delivery', () => Boolean, { defaultValue: false }) delivery: boolean,
    @Ctx() context: RequestContext,
  ): Promise<IncidentEventType[]> {
    const events = await context.em.fork().find(IncidentEvent, { incidentId: incident.id, ...kindsOf(delivery) }, { orderBy: { sequence: 'asc' } });
    return events.map(IncidentEventType.from);
  }

  @Subscription(() => IncidentEventType, {
    description:
      'For the dispatcher: every event of an incident as it happens (alerted, accepted, stood down, …), each with the incident as it is now: who is coming, with what task and ETA, which AEDs are on their way. `after: "0"` replays the whole timeline. `delivery: true` adds a DELIVERY event whenever how the alerts reached the phones changed ("3 phones rang, 1 not reachable"; see Incident.delivery).',
    subscribe: async ({ args, context }) => {
      const ctx = context as RequestContext;
      requireAuthenticated(ctx.principal);
      const incident = await loadIncident(ctx, args.incidentId as string);
      requireIncidentAccess(ctx.principal, incident.ambulanceServiceId);
      return durableFeed<IncidentEvent>({
        notifications: ctx.notifications,
        channel: FeedChannel.INCIDENT_EVENTS,
        key: incident.id,
        after: parseCursor(args.after as string | undefined),
        latest: () => latestCursor(ctx.em, 'incident_event'),
        fetchAfter: (cursor, limit) =>
          ctx.em
            .fork()
            .find(IncidentEvent, { incidentId: incident.id, sequence: { $gt: String(cursor) }, ...kindsOf(args.delivery === true) }, { orderBy: { sequence: 'asc' }, limit }),
        cursorOf: (event) => BigInt(event.sequence),
      });
    },
  })
  incidentUpdates(
    @Root() event: IncidentEvent,
    @Arg('incidentId', () => ID) _incidentId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Arg('delivery', () => Boolean, { defaultValue: false }) _delivery: boolean,
  ): IncidentEventType {
    return IncidentEventType.from(event);
  }
}

@Resolver(() => IncidentEventType)
export class IncidentEventResolver {
  @FieldResolver(() => IncidentType, { description: 'The incident as it is now.' })
  async incident(@Root() event: IncidentEventType, @Ctx() context: RequestContext): Promise<IncidentType> {
    return IncidentType.from(await loadIncident(context, event.incidentId));
  }

  @FieldResolver(() => AlertType, { nullable: true, description: 'The alert concerned, as it is now.' })
  async alert(@Root() event: IncidentEventType, @Ctx() context: RequestContext): Promise<AlertType | null> {
    if (!event.alertId) return null;
    const alert = await alertLoader(context).load(event.alertId);
    return alert ? AlertType.from(alert) : null;
  }
}
