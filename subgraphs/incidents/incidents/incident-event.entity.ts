import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** What happened in an Incident's timeline. */
export enum IncidentEventKind {
  REPORTED = 'REPORTED',
  /** Nobody is alerted: the report named an exclusion (see `detail`). */
  EXCLUDED = 'EXCLUDED',
  /** Volunteers could not be selected yet (a service was unreachable); retrying. */
  DISPATCH_DELAYED = 'DISPATCH_DELAYED',
  /** One volunteer was alerted (after a decline too). */
  ALERTED = 'ALERTED',
  /** Nobody alertable was within reach. */
  NOBODY_AVAILABLE = 'NOBODY_AVAILABLE',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  ON_SCENE = 'ON_SCENE',
  STOOD_DOWN = 'STOOD_DOWN',
  AMBULANCE_ARRIVED = 'AMBULANCE_ARRIVED',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
  /** A fetched AED was stood down until checked, and its owner and guardians told. */
  AED_STOOD_DOWN = 'AED_STOOD_DOWN',
  /** How the alerts reached the phones changed (pushed, confirmed by the app, SMS sent or delivered, failed); `detail` sums it up. */
  DELIVERY = 'DELIVERY',
}

/**
 * One entry of an Incident's timeline (table `incidents.incident_event`),
 * also the dispatcher's feed: `sequence` is the cursor, in commit order.
 */
@Entity({ tableName: 'incident_event' })
export class IncidentEvent {
  @PrimaryKey({ type: 'bigint' })
  sequence!: string;

  @Property({ type: 'uuid' })
  incidentId!: string;

  @Enum({ items: () => IncidentEventKind, nativeEnumName: 'incident_event_kind' })
  kind!: IncidentEventKind;

  @Property({ type: 'uuid', nullable: true })
  alertId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  volunteerId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  aedId?: string | null;

  /** A short explanation (the exclusion, the cancel reason, the outcome). */
  @Property({ type: 'text', nullable: true })
  detail?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Opt<Date>;
}
