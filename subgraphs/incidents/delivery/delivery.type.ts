import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AlertDeliveryView } from './delivery.ts';
import { DeliveryState, describeSummary, type DeliverySummary } from './delivery-state.ts';

registerEnumType(DeliveryState, {
  name: 'DeliveryState',
  description: 'How far an alert got to the volunteer’s phone.',
  valuesConfig: {
    QUEUED: { description: 'Nothing has gone out yet, or it is being retried.' },
    PUSHED: { description: 'A push service accepted the push for at least one of the volunteer’s devices.' },
    DELIVERED_TO_APP: { description: 'The volunteer’s app confirmed it has the alert.' },
    SMS_SENT: { description: 'The SMS went out (the app did not confirm in time, the volunteer has no app, or chose SMS always).' },
    SMS_DELIVERED: { description: 'The SMS reached the phone, as the network reported.' },
    FAILED: { description: 'Nothing got through and nothing more will be tried; see the reason.' },
  },
});

@ObjectType('AlertDelivery', { description: 'How an alert reached (or did not reach) the volunteer’s phone.' })
export class AlertDeliveryType {
  @Field(() => DeliveryState)
  state!: DeliveryState;

  @Field(() => String, { nullable: true, description: 'What failed, e.g. a push service’s answer or the SMS network’s report.' })
  reason?: string | null;

  @Field(() => Int, { description: 'Devices whose push service accepted the push.' })
  devicesPushed!: number;

  @Field(() => Int, { description: 'Devices the push could not reach (dead token or failure).' })
  devicesFailed!: number;

  @Field(() => Date, { nullable: true, description: 'When the app confirmed it has the alert.' })
  acknowledgedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  smsSentAt?: Date | null;

  @Field(() => Date, { nullable: true })
  smsDeliveredAt?: Date | null;

  static from(view: AlertDeliveryView): AlertDeliveryType {
    return Object.assign(new AlertDeliveryType(), {
      state: view.state,
      reason: view.reason,
      devicesPushed: view.devicesPushed,
      devicesFailed: view.devicesFailed,
      acknowledgedAt: view.acknowledgedAt,
      smsSentAt: view.smsSentAt,
      smsDeliveredAt: view.smsDeliveredAt,
    });
  }
}

@ObjectType('IncidentDeliverySummary', { description: 'How an incident’s alerts reached the phones: alerts per delivery state.' })
export class IncidentDeliverySummaryType {
  @Field(() => Int)
  queued!: number;

  @Field(() => Int)
  pushed!: number;

  @Field(() => Int)
  deliveredToApp!: number;

  @Field(() => Int)
  smsSent!: number;

  @Field(() => Int)
  smsDelivered!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => String, { description: 'In words, e.g. "3 phones rang, 1 not reachable".' })
  text!: string;

  static from(summary: DeliverySummary): IncidentDeliverySummaryType {
    return Object.assign(new IncidentDeliverySummaryType(), {
      queued: summary.QUEUED,
      pushed: summary.PUSHED,
      deliveredToApp: summary.DELIVERED_TO_APP,
      smsSent: summary.SMS_SENT,
      smsDelivered: summary.SMS_DELIVERED,
      failed: summary.FAILED,
      text: describeSummary(summary),
    });
  }
}
