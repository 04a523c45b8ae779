import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { LocalDate } from '../../../common/zoned-time.ts';

/** What an AED notification tells its owner and guardians. */
export enum AedNotificationKind {
  /** It was fetched for an incident and is stood down until a guardian confirms it ready. */
  USED_AT_INCIDENT = 'USED_AT_INCIDENT',
  /** The battery expires soon, or has expired. */
  BATTERY_EXPIRY = 'BATTERY_EXPIRY',
  /** The pads expire soon, or have expired. */
  PADS_EXPIRY = 'PADS_EXPIRY',
  /** A guardian check is due soon, or overdue. */
  GUARDIAN_CHECK = 'GUARDIAN_CHECK',
}

/** Someone a notification is meant for, as recorded when it was sent. */
export interface AedNotificationRecipient {
  kind: 'OWNER' | 'GUARDIAN';
  name: string | null;
  email: string | null;
  phone: string | null;
}

/**
 * A notification about one AED (table `aeds.aed_notification`), written in
 * the transaction that caused it and delivered in `sequence` order
 * (common/feed.ts). Rows are inserted with SQL (notification.service.ts) so
 * that a repeated cause adds nothing.
 */
@Entity({ tableName: 'aed_notification' })
export class AedNotification {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Delivery cursor: strictly increasing in commit order. */
  @Property({ type: 'bigint', autoincrement: true, unique: true, persist: false })
  sequence!: Opt<string>;

  @Property({ type: 'uuid' })
  aedId!: string;

  @Property({ type: 'text' })
  kind!: AedNotificationKind;

  /** For USED_AT_INCIDENT: the incident (owned by the incidents subgraph). */
  @Property({ type: 'uuid', nullable: true })
  incidentId: string | null = null;

  /** For reminders: the expiry date, or the day the check is due (null for an AED never checked). */
  @Property({ type: 'date', nullable: true })
  dueOn: LocalDate | null = null;

  /** For reminders: the date has passed and the AED is out of dispatch for it. */
  @Property({ type: 'boolean' })
  overdue: Opt<boolean> = false;

  @Property({ type: 'text' })
  message!: string;

  @Property({ type: 'json' })
  recipients: Opt<AedNotificationRecipient[]> = [];

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
