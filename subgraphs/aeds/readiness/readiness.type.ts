import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '../../../common/scalars.ts';
import { AedType } from '../registry/aed.type.ts';
import { NotReadyReason, type GuardianReminder } from './readiness.ts';

registerEnumType(NotReadyReason, {
  name: 'NotReadyReason',
  description: 'Why an AED is not dispatchable.',
});

/** What a guardian reminder is about (the schema's `AedReminderKind`). */
export enum AedReminderKind {
  BATTERY_EXPIRY = 'BATTERY_EXPIRY',
  PADS_EXPIRY = 'PADS_EXPIRY',
  GUARDIAN_CHECK = 'GUARDIAN_CHECK',
}

registerEnumType(AedReminderKind, { name: 'AedReminderKind' });

@ObjectType('AedReadiness', { description: 'Whether an AED may be sent to a cardiac arrest at an instant, and if not, why.' })
export class AedReadinessType {
  @Field(() => Date)
  at!: Date;

  @Field(() => Boolean)
  dispatchable!: boolean;

  @Field(() => [NotReadyReason], { description: 'Empty when dispatchable.' })
  reasons!: NotReadyReason[];
}

@ObjectType('AedReminder', { description: 'Something a guardian must do for an AED by a date.' })
export class AedReminderType {
  @Field(() => AedType)
  aed!: AedType;

  @Field(() => AedReminderKind)
  kind!: AedReminderKind;

  @Field(() => LocalDate, { nullable: true, description: 'Last day the part may be used, or day the check is due; null for an AED never checked.' })
  dueOn!: string | null;

  @Field(() => Int, { nullable: true, description: 'Days from today in the AED’s zone: 0 is today, negative is late.' })
  daysLeft!: number | null;

  @Field(() => Boolean, { description: 'The date has passed: the AED is out of dispatch for this reason.' })
  overdue!: boolean;

  static of(aed: AedType, reminder: GuardianReminder): AedReminderType {
    return Object.assign(new AedReminderType(), { aed, ...reminder, kind: reminder.kind as AedReminderKind });
  }
}
