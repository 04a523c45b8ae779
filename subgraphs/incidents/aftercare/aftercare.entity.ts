import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { EscalationReason, FollowUpKind, type AftercareAnswer } from './aftercare.ts';

/**
 * A follow-up delivered to a volunteer after an Incident they went to (table
 * `incidents.aftercare_follow_up`). The row is written when the follow-up is
 * due, so `sequence`, the volunteer's aftercare cursor, follows delivery order.
 */
@Entity({ tableName: 'aftercare_follow_up' })
export class AftercareFollowUp {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'bigint' })
  sequence!: string;

  @Property({ type: 'uuid' })
  alertId!: string;

  @Property({ type: 'uuid' })
  incidentId!: string;

  @Property({ type: 'uuid' })
  volunteerId!: string;

  @Property({ type: 'uuid' })
  municipalityId!: string;

  @Enum({ items: () => FollowUpKind, nativeEnumName: 'follow_up_kind' })
  kind!: FollowUpKind;

  @Property({ type: 'timestamptz' })
  deliveredAt!: Opt<Date>;

  @Property({ type: 'timestamptz', nullable: true })
  answeredAt?: Date | null;

  @Property({ type: 'json', nullable: true })
  answer?: AftercareAnswer | null;
}

/**
 * A request to the aftercare contacts of the volunteer's municipality to
 * reach out (table `incidents.aftercare_escalation`); `sequence` is their cursor.
 */
@Entity({ tableName: 'aftercare_escalation' })
export class AftercareEscalation {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'bigint' })
  sequence!: string;

  @ManyToOne(() => AftercareFollowUp, { fieldName: 'follow_up_id' })
  followUp!: AftercareFollowUp;

  @Property({ type: 'uuid' })
  volunteerId!: string;

  @Property({ type: 'uuid' })
  municipalityId!: string;

  @Enum({ items: () => EscalationReason, nativeEnumName: 'escalation_reason' })
  reason!: EscalationReason;

  @Property({ type: 'timestamptz' })
  createdAt!: Opt<Date>;
}
