import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export enum AlertKind {
  /** Sent by a coordinator to check that a volunteer's app receives alerts. */
  TEST = 'TEST',
}

/**
 * An alert to one volunteer (table `incidents.alert`). `sequence` is the
 * delivery cursor: strictly increasing in commit order per database.
 */
@Entity({ tableName: 'alert' })
export class Alert {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'bigint', autoincrement: true, unique: true, persist: false })
  sequence!: Opt<string>;

  /** Owned by the volunteers subgraph. */
  @Property({ type: 'uuid' })
  volunteerId!: string;

  /** Owned by the AEDs subgraph. */
  @Property({ type: 'uuid', nullable: true })
  aedId?: string | null;

  @Enum({ items: () => AlertKind, nativeEnumName: 'alert_kind' })
  kind!: AlertKind;

  @Property({ type: 'text' })
  message!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
