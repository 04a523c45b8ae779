import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AedNotificationKind, type AedNotification } from './aed-notification.entity.ts';
import { LocalDate } from '../../../common/scalars.ts';

registerEnumType(AedNotificationKind, { name: 'AedNotificationKind' });

@ObjectType('AedNotificationRecipient', { description: 'Whom a notification is meant for, as recorded when it was sent. Personal data.' })
export class AedNotificationRecipientType {
  @Field(() => String, { description: 'OWNER or GUARDIAN.' })
  kind!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;
}

@ObjectType('AedNotification', { description: 'A notification to the owner and guardians of an AED.' })
export class AedNotificationType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Delivery cursor: pass the last one received as `after` when resubscribing.' })
  cursor!: string;

  @Field(() => AedNotificationKind)
  kind!: AedNotificationKind;

  @Field(() => ID, { nullable: true, description: 'USED_AT_INCIDENT: the incident it was fetched for.' })
  incidentId!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Reminders: the expiry date or the day the check is due.' })
  dueOn!: string | null;

  @Field(() => Boolean, { description: 'Reminders: the date has passed and the AED is out of dispatch for it.' })
  overdue!: boolean;

  @Field(() => String)
  message!: string;

  @Field(() => [AedNotificationRecipientType])
  recipients!: AedNotificationRecipientType[];

  @Field(() => Date)
  createdAt!: Date;

  /** Not a field: resolved to the `aed` field by the resolver. */
  aedId!: string;

  static from(entity: AedNotification): AedNotificationType {
    return Object.assign(new AedNotificationType(), {
      id: entity.id,
      cursor: String(entity.sequence),
      kind: entity.kind,
      incidentId: entity.incidentId,
      dueOn: entity.dueOn,
      overdue: entity.overdue,
      message: entity.message,
      recipients: entity.recipients.map((recipient) => Object.assign(new AedNotificationRecipientType(), recipient)),
      createdAt: entity.createdAt,
      aedId: entity.aedId,
    });
  }
}
