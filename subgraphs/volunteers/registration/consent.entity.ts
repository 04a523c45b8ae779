import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** What a volunteer consents to. */
export enum ConsentKind {
  /** Processing of their personal data to alert them; required to register. */
  PERSONAL_DATA = 'PERSONAL_DATA',
  /** Being alerted at their phone's last reported position (opt-in, `updateMyLocation`). */
  LOCATION_SHARING = 'LOCATION_SHARING',
}

/**
 * One consent given or withdrawn, with its time (table `volunteers.consent`).
 * Records are only added, never changed: the latest per kind is in force.
 */
@Entity({ tableName: 'consent' })
export class Consent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  volunteerId!: string;

  @Enum({ items: () => ConsentKind, type: 'text' })
  kind!: ConsentKind;

  /** True when given, false when withdrawn. */
  @Property({ type: 'boolean' })
  given!: boolean;

  /** When the volunteer gave or withdrew it (on paper or in the app). */
  @Property({ type: 'timestamptz' })
  at!: Date;

  /** Subject of who recorded it. */
  @Property({ type: 'text' })
  recordedBy!: string;

  @Property({ type: 'timestamptz' })
  recordedAt: Opt<Date> = new Date();
}
