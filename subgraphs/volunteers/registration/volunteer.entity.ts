import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { WeeklyHours } from '../candidates/candidate-positions.ts';

/**
 * Lifecycle of a volunteer's account. Only ACTIVE volunteers are alerted; a
 * DELETED account keeps no personal data, only what anonymous statistics need.
 */
export enum VolunteerStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  DELETED = 'DELETED',
}

/**
 * A citizen responder (table `volunteers.volunteer`). Personal data (name,
 * phone, e-mail, date of birth, addresses and positions) is nullable only
 * because `deleteMyAccount` erases it; a check constraint keeps it present
 * on every account that is not deleted.
 */
@Entity({ tableName: 'volunteer' })
export class Volunteer {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => VolunteerStatus, type: 'text' })
  status: Opt<VolunteerStatus> = VolunteerStatus.ACTIVE;

  /** The identity-provider subject of a volunteer who signed up themselves (`registerMe`). */
  @Property({ type: 'text', nullable: true })
  accountSubject?: string | null;

  @Property({ type: 'text', nullable: true })
  name?: string | null;

  /** E.164, unique among accounts. */
  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  /** Lower case, unique among accounts. */
  @Property({ type: 'text', nullable: true })
  email?: string | null;

  /** `YYYY-MM-DD`. */
  @Property({ type: 'date', nullable: true })
  dateOfBirth?: string | null;

  @Property({ type: 'text', nullable: true })
  homeStreet?: string | null;

  @Property({ type: 'text', nullable: true })
  homeHouseNumber?: string | null;

  @Property({ type: 'text', nullable: true })
  homePostalCode?: string | null;

  @Property({ type: 'text', nullable: true })
  homeCity?: string | null;

  @Property({ type: 'double', nullable: true })
  homeLatitude?: number | null;

  @Property({ type: 'double', nullable: true })
  homeLongitude?: number | null;

  /** Why the home was accepted outside the municipality's boundary (common/place.ts); null when it lies inside. */
  @Property({ type: 'text', nullable: true })
  homeOutsideReason?: string | null;

  /** Subject of who accepted the home outside. */
  @Property({ type: 'text', nullable: true })
  homeOutsideBy?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  homeOutsideAt?: Date | null;

  /** How far outside, in metres, when accepted. */
  @Property({ type: 'integer', nullable: true })
  homeOutsideMeters?: number | null;

  @Property({ type: 'text', nullable: true })
  workStreet?: string | null;

  @Property({ type: 'text', nullable: true })
  workHouseNumber?: string | null;

  @Property({ type: 'text', nullable: true })
  workPostalCode?: string | null;

  @Property({ type: 'text', nullable: true })
  workCity?: string | null;

  @Property({ type: 'double', nullable: true })
  workLatitude?: number | null;

  @Property({ type: 'double', nullable: true })
  workLongitude?: number | null;

  /** When the volunteer is at work, in their municipality's local time; set exactly when the work position is. */
  @Property({ type: 'json', nullable: true })
  workHours?: WeeklyHours | null;

  /** Owned by the organization subgraph; referenced by id only. */
  @Property({ type: 'uuid' })
  municipalityId!: string;

  /** Copied from the municipality at registration: the clock every eligibility rule reads. */
  @Property({ type: 'text' })
  timeZone!: string;

  /** Copied from the municipality: the country of phone numbers written without a country code. */
  @Property({ type: 'text' })
  countryCode!: string;

  /** Copied from the municipality: whose certificate grace period applies. */
  @Property({ type: 'uuid', nullable: true })
  securityRegionId?: string | null;

  /** The language of their alerts and SMS (common/language.ts); null: their municipality's country's. */
  @Property({ type: 'text', nullable: true })
  language?: string | null;

  /** The volunteer's own on/off switch (holidays, illness). */
  @Property({ type: 'boolean' })
  onDuty: Opt<boolean> = true;

  /** Daily window without alerts, `HH:MM`; both set or both null. */
  @Property({ type: 'text', nullable: true })
  quietHoursStart?: string | null;

  @Property({ type: 'text', nullable: true })
  quietHoursEnd?: string | null;

  /** Opt-in to being alerted at the phone's last reported position (`updateMyLocation`). */
  @Property({ type: 'boolean' })
  locationSharing: Opt<boolean> = false;

  /** Subject of who registered the volunteer (the volunteer themselves, a coordinator, or an import). */
  @Property({ type: 'text' })
  registeredBy!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  deletedAt?: Date | null;

  /** Subject of who erased the account: the volunteer, or a coordinator on their request. */
  @Property({ type: 'text', nullable: true })
  deletedBy?: string | null;
}
