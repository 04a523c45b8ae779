import type { Opt } from '@mikro-orm/core';
import { ArrayType } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { PositionKind } from '../../../common/position-kind.ts';

export enum AlertKind {
  /** Sent by an administrator to check that a volunteer's app receives alerts. */
  TEST = 'TEST',
  /** Sent for an Incident: a suspected cardiac arrest nearby. */
  INCIDENT = 'INCIDENT',
}

/** What an alerted volunteer is asked to do. */
export enum AlertTask {
  /** Go straight to the patient and start CPR. */
  CPR = 'CPR',
  /** Fetch the AED named in the alert, then go to the patient. */
  FETCH_AED = 'FETCH_AED',
}

/** Where an alert stands. */
export enum AlertStatus {
  /** No answer yet. */
  PENDING = 'PENDING',
  /** On their way. */
  ACCEPTED = 'ACCEPTED',
  /** Not coming. */
  DECLINED = 'DECLINED',
  /** Arrived at the patient. */
  ON_SCENE = 'ON_SCENE',
  /** Told not to come (see `standDownReason`). */
  STOOD_DOWN = 'STOOD_DOWN',
}

export enum StandDownReason {
  /** Enough others accepted. */
  ENOUGH_RESPONDERS = 'ENOUGH_RESPONDERS',
  /** The Incident was closed (the ambulance took over) before the volunteer answered. */
  INCIDENT_CLOSED = 'INCIDENT_CLOSED',
  /** The dispatch centre cancelled the Incident (e.g. not a cardiac arrest). */
  INCIDENT_CANCELLED = 'INCIDENT_CANCELLED',
}

/**
 * What one frame of a volunteer's alert feed tells them (table
 * `incidents.alert_update`, read by alert-reads.ts; `sequence` is the cursor).
 */
export enum AlertUpdateKind {
  /** A new alert. */
  ALERTED = 'ALERTED',
  /** Their answer was recorded (also when given by SMS, so every device agrees). */
  RESPONSE_RECORDED = 'RESPONSE_RECORDED',
  /** They are no longer needed. */
  STOOD_DOWN = 'STOOD_DOWN',
  /** The Incident they went to was closed: thank you, the ambulance has taken over. */
  INCIDENT_CLOSED = 'INCIDENT_CLOSED',
}

/**
 * An alert to one volunteer (table `incidents.alert`): their task, route and
 * answer. The patient's address, the route and the cabinet code are for this
 * volunteer only (see alert.type.ts). `phone` is kept while the Incident is
 * open, to match SMS replies, and cleared when it ends.
 */
@Entity({ tableName: 'alert' })
export class Alert {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', nullable: true })
  incidentId?: string | null;

  /** Owned by the volunteers subgraph. */
  @Property({ type: 'uuid' })
  volunteerId!: string;

  @Enum({ items: () => AlertKind, nativeEnumName: 'alert_kind' })
  kind!: AlertKind;

  @Enum({ items: () => AlertStatus, nativeEnumName: 'alert_status' })
  status!: Opt<AlertStatus>;

  @Enum({ items: () => StandDownReason, nativeEnumName: 'stand_down_reason', nullable: true })
  standDownReason?: StandDownReason | null;

  @Enum({ items: () => AlertTask, nativeEnumName: 'alert_task', nullable: true })
  task?: AlertTask | null;

  /** Owned by the AEDs subgraph; set for FETCH_AED (and on test alerts that name one). */
  @Property({ type: 'uuid', nullable: true })
  aedId?: string | null;

  /** Where that AED stood when the alert was sent (as the AEDs subgraph said). */
  @Property({ type: 'double', nullable: true })
  aedLatitude?: number | null;

  @Property({ type: 'double', nullable: true })
  aedLongitude?: number | null;

  @Property({ type: 'text', nullable: true })
  cabinetCode?: string | null;

  /** The text the volunteer reads (for an Incident: task, address, AED and code). */
  @Property({ type: 'text' })
  message!: string;

  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  @Property({ type: 'uuid', nullable: true })
  municipalityId?: string | null;

  @Property({ type: ArrayType, columnType: 'uuid[]' })
  associationIds!: Opt<string[]>;

  @Property({ type: 'text', nullable: true })
  positionKind?: PositionKind | null;

  @Property({ type: 'integer', nullable: true })
  rank?: number | null;

  @Property({ type: 'integer', nullable: true })
  directDistanceMeters?: number | null;

  @Property({ type: 'integer', nullable: true })
  distanceMeters?: number | null;

  @Property({ type: 'integer', nullable: true })
  etaSeconds?: number | null;

  /** The legs to walk, `[{ from, to, meters }]` with `{ lat, lon }` ends (selection.ts RouteLeg). */
  @Property({ type: 'json', nullable: true })
  route?: { from: { lat: number; lon: number }; to: { lat: number; lon: number }; meters: number }[] | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Opt<Date>;

  @Property({ type: 'timestamptz', nullable: true })
  respondedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  onSceneAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  stoodDownAt?: Date | null;

  /** When the volunteer's app confirmed it has the alert (acknowledgeAlert, or the alert feed delivering it). */
  @Property({ type: 'timestamptz', nullable: true })
  acknowledgedAt?: Date | null;
}
