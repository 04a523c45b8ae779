import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GeoPoint } from '../../../common/geo.type.ts';
import { AlertKind, AlertStatus, AlertTask, AlertUpdateKind, StandDownReason, type Alert as AlertEntity } from './alert.entity.ts';
import type { AlertFrame, IncidentSnapshot } from './alert-reads.ts';
import { AedRef, VolunteerRef } from '../references.ts';

/** Where the alert's AED stood when it was sent. */
function aedLocationOf(entity: AlertEntity): GeoPoint | undefined {
  const { aedLatitude, aedLongitude } = entity;
  return aedLatitude === null || aedLatitude === undefined || aedLongitude === null || aedLongitude === undefined ? undefined : GeoPoint.of(aedLatitude, aedLongitude);
}

registerEnumType(AlertKind, { name: 'AlertKind', description: 'Why an alert was sent.' });
registerEnumType(AlertTask, {
  name: 'AlertTask',
  description: 'What an alerted volunteer is asked to do.',
  valuesConfig: {
    CPR: { description: 'Go straight to the patient and start CPR.' },
    FETCH_AED: { description: 'Fetch the AED named in the alert, then go to the patient.' },
  },
});
registerEnumType(AlertStatus, { name: 'AlertStatus', description: 'Where an alert stands.' });
registerEnumType(StandDownReason, { name: 'StandDownReason', description: 'Why a volunteer was told not to come.' });
registerEnumType(AlertUpdateKind, { name: 'AlertUpdateKind', description: 'What a frame of an alert feed tells.' });

@ObjectType('RouteLeg', { description: 'One straight stretch of a volunteer’s route.' })
export class RouteLegType {
  @Field(() => GeoPoint)
  from!: GeoPoint;

  @Field(() => GeoPoint)
  to!: GeoPoint;

  @Field(() => Int, { description: 'Straight-line length in metres.' })
  meters!: number;
}

@ObjectType('Alert', {
  description:
    'An alert to one volunteer. Seen by the volunteer, the dispatchers of its incident and ADMIN; the patient’s address and position, the route and the cabinet code only by the alerted volunteer.',
})
export class AlertType {
  /** The stored alert, for the field resolvers; not a GraphQL field. */
  source!: AlertEntity;

  /** Its Incident's address, position and status when already read with it (feeds); else the resolvers load them. */
  incident?: IncidentSnapshot | null;

  @Field(() => ID)
  id!: string;

  @Field(() => AlertKind)
  kind!: AlertKind;

  @Field(() => AlertTask, { nullable: true, description: 'CPR or FETCH_AED; null for a test alert.' })
  task?: AlertTask | null;

  @Field(() => AlertStatus)
  status!: AlertStatus;

  @Field(() => StandDownReason, { nullable: true })
  standDownReason?: StandDownReason | null;

  @Field(() => VolunteerRef)
  volunteer!: VolunteerRef;

  // The alert carries where its AED stood when it was sent, so a volunteer's
  // app receives that with the alert frame, without a round trip to the AEDs
  // subgraph per frame; everything else about the AED comes from there.
  @Directive('@provides(fields: "location { latitude longitude }")')
  @Field(() => AedRef, { nullable: true, description: 'The AED to fetch (FETCH_AED), with its location; the rest from the AEDs service.' })
  aed?: AedRef | null;

  @Field(() => Int, { nullable: true, description: '1 for the volunteer nearest to the patient, 2 for the next, …' })
  rank?: number | null;

  @Field(() => Int, { nullable: true, description: 'Length of the route in metres (straight lines, via the AED for FETCH_AED).' })
  distanceMeters?: number | null;

  @Field(() => Int, { nullable: true, description: 'Estimated seconds from leaving to reaching the patient.' })
  etaSeconds?: number | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  respondedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  acceptedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  onSceneAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When an accepting volunteer should reach the patient: accepted at + ETA.' })
  expectedArrivalAt?: Date | null;

  static from(entity: AlertEntity, incident?: IncidentSnapshot | null): AlertType {
    const expected = entity.acceptedAt && entity.etaSeconds !== null && entity.etaSeconds !== undefined ? new Date(entity.acceptedAt.getTime() + entity.etaSeconds * 1000) : null;
    return Object.assign(new AlertType(), {
      source: entity,
      incident,
      id: entity.id,
      kind: entity.kind,
      task: entity.task ?? null,
      status: entity.status,
      standDownReason: entity.standDownReason ?? null,
      volunteer: VolunteerRef.of(entity.volunteerId),
      aed: entity.aedId ? AedRef.of(entity.aedId, aedLocationOf(entity)) : null,
      rank: entity.rank ?? null,
      distanceMeters: entity.distanceMeters ?? null,
      etaSeconds: entity.etaSeconds ?? null,
      createdAt: entity.createdAt,
      respondedAt: entity.respondedAt ?? null,
      acceptedAt: entity.acceptedAt ?? null,
      onSceneAt: entity.onSceneAt ?? null,
      expectedArrivalAt: expected,
    });
  }
}

@ObjectType('AlertUpdate', { description: 'One frame of a volunteer’s alert feed: what happened, and the alert as it is now.' })
export class AlertUpdateType {
  @Field(() => String, { description: 'Delivery cursor: pass the last one received as `after` when resubscribing.' })
  cursor!: string;

  @Field(() => AlertUpdateKind)
  kind!: AlertUpdateKind;

  @Field(() => Date)
  at!: Date;

  @Field(() => AlertType)
  alert!: AlertType;

  static from(frame: AlertFrame): AlertUpdateType {
    return Object.assign(new AlertUpdateType(), {
      cursor: frame.sequence,
      kind: frame.kind,
      at: frame.createdAt,
      alert: AlertType.from(frame.alert, frame.incident),
    });
  }
}

@ObjectType('MemberAlert', {
  description:
    'An alert to a member of a partner association, for the partner’s app to forward as a push notification. Carries no address, phone number or position of anyone: the volunteer opens the alert itself in their own app.',
})
export class MemberAlertType {
  @Field(() => ID, { description: 'The alert’s id: the volunteer reads the alert with `alert(id:)`.' })
  id!: string;

  @Field(() => VolunteerRef)
  volunteer!: VolunteerRef;

  @Field(() => AlertKind)
  kind!: AlertKind;

  @Field(() => AlertTask, { nullable: true })
  task?: AlertTask | null;

  @Field(() => AlertStatus)
  status!: AlertStatus;

  @Field(() => StandDownReason, { nullable: true })
  standDownReason?: StandDownReason | null;

  @Field(() => Date)
  createdAt!: Date;

  static from(entity: AlertEntity): MemberAlertType {
    return Object.assign(new MemberAlertType(), {
      id: entity.id,
      volunteer: VolunteerRef.of(entity.volunteerId),
      kind: entity.kind,
      task: entity.task ?? null,
      status: entity.status,
      standDownReason: entity.standDownReason ?? null,
      createdAt: entity.createdAt,
    });
  }
}

@ObjectType('MemberAlertUpdate', { description: 'One frame of a partner association’s feed of its members’ alerts.' })
export class MemberAlertUpdateType {
  @Field(() => String, { description: 'Delivery cursor: pass the last one received as `after` when resubscribing.' })
  cursor!: string;

  @Field(() => AlertUpdateKind)
  kind!: AlertUpdateKind;

  @Field(() => Date)
  at!: Date;

  @Field(() => MemberAlertType)
  alert!: MemberAlertType;

  static from(frame: AlertFrame): MemberAlertUpdateType {
    return Object.assign(new MemberAlertUpdateType(), {
      cursor: frame.sequence,
      kind: frame.kind,
      at: frame.createdAt,
      alert: MemberAlertType.from(frame.alert),
    });
  }
}
