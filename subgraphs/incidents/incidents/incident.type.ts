import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GeoPoint, GeoPointInput } from '../../../common/geo.type.ts';
import { IncidentEventKind, type IncidentEvent as IncidentEventEntity } from './incident-event.entity.ts';
import { IncidentExclusion, IncidentOutcome, IncidentStatus, type Incident as IncidentEntity } from './incident.entity.ts';
import { AedRef, AmbulanceServiceRef, MunicipalityRef, SecurityRegionRef, VolunteerRef } from '../references.ts';

registerEnumType(IncidentStatus, { name: 'IncidentStatus' });
registerEnumType(IncidentExclusion, {
  name: 'IncidentExclusion',
  description: 'Why volunteers must not be sent: nobody is alerted, and the reason is recorded.',
  valuesConfig: {
    CHILD_UNDER_8: { description: 'The patient is a child under 8.' },
    TRAUMA: { description: 'Trauma (an accident, violence).' },
    UNSAFE_SCENE: { description: 'The scene is unsafe for a volunteer.' },
    CARE_FACILITY: { description: 'A care facility with its own trained staff.' },
  },
});
registerEnumType(IncidentOutcome, {
  name: 'IncidentOutcome',
  valuesConfig: {
    ROSC: { description: 'Circulation returned.' },
    TRANSPORTED: { description: 'Taken to hospital under continued resuscitation.' },
    DECEASED: { description: 'Died at the scene.' },
    NOT_CARDIAC_ARREST: { description: 'It was not a cardiac arrest.' },
    UNKNOWN: {},
  },
});
registerEnumType(IncidentEventKind, { name: 'IncidentEventKind', description: 'What happened in an incident’s timeline.' });

@InputType('ReportIncidentInput')
export class ReportIncidentInput {
  @Field(() => String, { description: 'The dispatch centre’s own reference; the same reference reported again returns the same incident.' })
  dispatchReference!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The reporting ambulance service; needed only when you dispatch for several services that serve this place.',
  })
  ambulanceServiceId?: string | null;

  @Field(() => GeoPointInput)
  location!: GeoPointInput;

  @Field(() => String, { description: 'Where the patient is, as volunteers need it: street, number, town, entrance.' })
  address!: string;

  @Field(() => Date, { description: 'When the 112 call was received.' })
  callReceivedAt!: Date;

  @Field(() => [IncidentExclusion], { nullable: true, description: 'Reasons not to send volunteers; with any of them nobody is alerted.' })
  exclusions?: IncidentExclusion[] | null;
}

@ObjectType('Incident', {
  description: 'A suspected cardiac arrest reported by a dispatch centre. Seen by the dispatchers of the reporting ambulance service and ADMIN.',
})
export class IncidentType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  dispatchReference!: string;

  @Field(() => IncidentStatus)
  status!: IncidentStatus;

  @Field(() => GeoPoint)
  location!: GeoPoint;

  @Field(() => String)
  address!: string;

  @Field(() => Date)
  callReceivedAt!: Date;

  @Field(() => [IncidentExclusion])
  exclusions!: IncidentExclusion[];

  @Field(() => AmbulanceServiceRef)
  ambulanceService!: AmbulanceServiceRef;

  @Field(() => SecurityRegionRef)
  securityRegion!: SecurityRegionRef;

  @Field(() => MunicipalityRef)
  municipality!: MunicipalityRef;

  @Field(() => Int, { description: 'Version of the region’s dispatch policy the incident was dispatched under (0: the defaults).' })
  policyVersion!: number;

  @Field(() => Date, { nullable: true, description: 'When volunteers were selected and alerted.' })
  dispatchedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  ambulanceArrivedAt?: Date | null;

  @Field(() => IncidentOutcome, { nullable: true })
  outcome?: IncidentOutcome | null;

  @Field(() => Date, { nullable: true })
  closedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  cancelledAt?: Date | null;

  @Field(() => String, { nullable: true })
  cancelReason?: string | null;

  @Field(() => Date)
  reportedAt!: Date;

  static from(entity: IncidentEntity): IncidentType {
    return Object.assign(new IncidentType(), {
      id: entity.id,
      dispatchReference: entity.dispatchReference,
      status: entity.status,
      location: GeoPoint.of(entity.latitude, entity.longitude),
      address: entity.address,
      callReceivedAt: entity.callReceivedAt,
      exclusions: entity.exclusions,
      ambulanceService: AmbulanceServiceRef.of(entity.ambulanceServiceId),
      securityRegion: SecurityRegionRef.of(entity.securityRegionId),
      municipality: MunicipalityRef.of(entity.municipalityId),
      policyVersion: entity.policyVersion,
      dispatchedAt: entity.dispatchedAt ?? null,
      ambulanceArrivedAt: entity.ambulanceArrivedAt ?? null,
      outcome: entity.outcome ?? null,
      closedAt: entity.closedAt ?? null,
      cancelledAt: entity.cancelledAt ?? null,
      cancelReason: entity.cancelReason ?? null,
      reportedAt: entity.createdAt,
    });
  }
}

@ObjectType('AedOnItsWay', { description: 'An AED a volunteer has accepted to fetch and bring to the patient.' })
export class AedOnItsWayType {
  @Field(() => AedRef)
  aed!: AedRef;

  @Field(() => VolunteerRef)
  volunteer!: VolunteerRef;

  @Field(() => ID)
  alertId!: string;

  @Field(() => Date, { nullable: true, description: 'When it should reach the patient: accepted at + ETA.' })
  expectedArrivalAt?: Date | null;
}

@ObjectType('IncidentEvent', {
  description: 'One entry of an incident’s timeline, also one frame of the dispatcher’s subscription, with the incident as it is now.',
})
export class IncidentEventType {
  @Field(() => String, { description: 'Delivery cursor: pass the last one received as `after` when resubscribing.' })
  cursor!: string;

  @Field(() => IncidentEventKind)
  kind!: IncidentEventKind;

  @Field(() => Date)
  at!: Date;

  /** For the field resolvers (`incident`, `alert`); not GraphQL fields. */
  incidentId!: string;
  alertId!: string | null;

  @Field(() => VolunteerRef, { nullable: true })
  volunteer?: VolunteerRef | null;

  @Field(() => AedRef, { nullable: true })
  aed?: AedRef | null;

  @Field(() => String, { nullable: true, description: 'The exclusions, the outcome, the cancel reason, the stand-down reason.' })
  detail?: string | null;

  static from(entity: IncidentEventEntity): IncidentEventType {
    return Object.assign(new IncidentEventType(), {
      cursor: String(entity.sequence),
      kind: entity.kind,
      at: entity.createdAt,
      incidentId: entity.incidentId,
      alertId: entity.alertId ?? null,
      volunteer: entity.volunteerId ? VolunteerRef.of(entity.volunteerId) : null,
      aed: entity.aedId ? AedRef.of(entity.aedId) : null,
      detail: entity.detail ?? null,
    });
  }
}
