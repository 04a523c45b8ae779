import type { Opt } from '@mikro-orm/core';
import { ArrayType } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { AftercarePolicy } from '../aftercare/aftercare-policy.ts';
import type { DispatchPolicy } from '../dispatch/dispatch-policy.ts';

export enum IncidentStatus {
  /** Reported; volunteers may be on their way. */
  OPEN = 'OPEN',
  /** Ended with an outcome. */
  CLOSED = 'CLOSED',
  /** Withdrawn by the dispatch centre (e.g. not a cardiac arrest after all). */
  CANCELLED = 'CANCELLED',
}

/**
 * Why volunteers must not be sent to this Incident (Region Dalarna, Ambulance
 * NSW): the scene needs professionals, or the volunteer would be at risk.
 */
export enum IncidentExclusion {
  CHILD_UNDER_8 = 'CHILD_UNDER_8',
  TRAUMA = 'TRAUMA',
  UNSAFE_SCENE = 'UNSAFE_SCENE',
  CARE_FACILITY = 'CARE_FACILITY',
}

/** How an Incident ended, as the dispatch centre records it. */
export enum IncidentOutcome {
  /** Circulation returned before or during transport. */
  ROSC = 'ROSC',
  /** Taken to hospital under continued resuscitation. */
  TRANSPORTED = 'TRANSPORTED',
  /** Died at the scene. */
  DECEASED = 'DECEASED',
  /** It was not a cardiac arrest. */
  NOT_CARDIAC_ARREST = 'NOT_CARDIAC_ARREST',
  UNKNOWN = 'UNKNOWN',
}

/** The policies an Incident was dispatched under, resolved, as recorded on it. */
export interface PolicySnapshot {
  dispatch: DispatchPolicy;
  aftercare: AftercarePolicy;
}

/**
 * A suspected cardiac arrest reported by a dispatch centre (table
 * `incidents.incident`). `(ambulanceServiceId, dispatchReference)` is unique:
 * the same report sent twice is the same Incident.
 */
@Entity({ tableName: 'incident' })
export class Incident {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** The reporting ambulance service (organization subgraph). */
  @Property({ type: 'uuid' })
  ambulanceServiceId!: string;

  /** The dispatch centre's own reference for the call. */
  @Property({ type: 'text' })
  dispatchReference!: string;

  @Property({ type: 'uuid' })
  securityRegionId!: string;

  @Property({ type: 'uuid' })
  municipalityId!: string;

  @Property({ type: 'double' })
  latitude!: number;

  @Property({ type: 'double' })
  longitude!: number;

  /** Where the patient is, as the dispatch centre gave it. */
  @Property({ type: 'text' })
  address!: string;

  @Property({ type: 'timestamptz' })
  callReceivedAt!: Date;

  @Property({ type: ArrayType, columnType: 'text[]' })
  exclusions!: Opt<IncidentExclusion[]>;

  @Enum({ items: () => IncidentStatus, nativeEnumName: 'incident_status' })
  status!: Opt<IncidentStatus>;

  /** Version of the region's policy in force when reported (0: the defaults). */
  @Property({ type: 'integer' })
  policyVersion!: number;

  @Property({ type: 'json' })
  policy!: PolicySnapshot;

  /** When volunteers were selected and alerted (null: not yet, or excluded). */
  @Property({ type: 'timestamptz', nullable: true })
  dispatchedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  ambulanceArrivedAt?: Date | null;

  @Enum({ items: () => IncidentOutcome, nativeEnumName: 'incident_outcome', nullable: true })
  outcome?: IncidentOutcome | null;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  cancelReason?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt?: Date | null;

  /** Subject of the dispatcher who reported it. */
  @Property({ type: 'text' })
  reportedBy!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Opt<Date>;
}
