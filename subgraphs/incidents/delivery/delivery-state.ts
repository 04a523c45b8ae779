/**
 * Where an alert's delivery stands, worked out from what happened to each
 * of its pushes and its SMS, and the dispatcher's summary of an Incident's
 * alerts ("3 phones rang, 1 not reachable"). Derived when read rather than
 * stored, so that pushes, acknowledgements and SMS receipts arriving at the
 * same moment can never overwrite each other's news.
 */

/** Where one alert's delivery stands, best news first. */
export enum DeliveryState {
  /** The volunteer's app confirmed it has the alert. */
  DELIVERED_TO_APP = 'DELIVERED_TO_APP',
  /** The SMSC reported the SMS delivered to the phone. */
  SMS_DELIVERED = 'SMS_DELIVERED',
  /** The SMSC accepted the SMS. */
  SMS_SENT = 'SMS_SENT',
  /** A push service accepted the push for at least one of the volunteer's devices. */
  PUSHED = 'PUSHED',
  /** Nothing has gone out yet (or is being retried). */
  QUEUED = 'QUEUED',
  /** Nothing got through and nothing more will be tried (see the reason). */
  FAILED = 'FAILED',
}

/** A push to one device, as recorded. */
export interface PushFact {
  state: 'QUEUED' | 'SENDING' | 'SENT' | 'DEAD_TOKEN' | 'FAILED';
  reason: string | null;
}

/** An alert's SMS, as recorded. */
export interface SmsFact {
  state: 'SENDING' | 'SENT' | 'DELIVERED' | 'UNDELIVERED' | 'FAILED';
  reason: string | null;
}

/** What happened to one alert. */
export interface DeliveryFacts {
  acknowledgedAt: Date | null;
  pushes: readonly PushFact[];
  /** Null while no SMS was sent (or none is due). */
  sms: SmsFact | null;
  /** Whether an SMS may still go out (the alert has a phone number and its Incident is open). */
  smsPossible: boolean;
}

/** An alert's delivery state and, when something failed, why. */
export interface AlertDelivery {
  state: DeliveryState;
  reason: string | null;
  devicesPushed: number;
  devicesFailed: number;
}

const FAILED_PUSH = new Set<PushFact['state']>(['DEAD_TOKEN', 'FAILED']);

/** The delivery state of one alert from its facts. */
export function deliveryOf(facts: DeliveryFacts): AlertDelivery {
  const devicesPushed = facts.pushes.filter((push) => push.state === 'SENT').length;
  const failedPushes = facts.pushes.filter((push) => FAILED_PUSH.has(push.state));
  const reasons = [...failedPushes.map((push) => push.reason), facts.sms && ['UNDELIVERED', 'FAILED'].includes(facts.sms.state) ? facts.sms.reason : null].filter(
    (reason): reason is string => !!reason,
  );
  const reason = reasons.length > 0 ? [...new Set(reasons)].join('; ') : null;
  const result = (state: DeliveryState) => ({ state, reason, devicesPushed, devicesFailed: failedPushes.length });
  if (facts.acknowledgedAt) return result(DeliveryState.DELIVERED_TO_APP);
  if (facts.sms?.state === 'DELIVERED') return result(DeliveryState.SMS_DELIVERED);
  if (facts.sms?.state === 'SENT') return result(DeliveryState.SMS_SENT);
  if (devicesPushed > 0) return result(DeliveryState.PUSHED);
  const pushPending = facts.pushes.some((push) => push.state === 'QUEUED' || push.state === 'SENDING');
  const smsPending = facts.sms ? facts.sms.state === 'SENDING' : facts.smsPossible;
  if (pushPending || smsPending) return result(DeliveryState.QUEUED);
  return { ...result(DeliveryState.FAILED), reason: reason ?? 'no registered device and no phone number' };
}

/** How an Incident's alerts reached the phones: a count of alerts per delivery state. */
export type DeliverySummary = Record<DeliveryState, number>;

/** Counts the alerts per state. */
export function summarise(deliveries: readonly AlertDelivery[]): DeliverySummary {
  const summary = Object.fromEntries(Object.values(DeliveryState).map((state) => [state, 0])) as DeliverySummary;
  for (const delivery of deliveries) summary[delivery.state] += 1;
  return summary;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The summary in words for the dispatcher's timeline, e.g. "3 phones rang, 1 confirmed in the app, 1 not reachable". */
export function describeSummary(summary: DeliverySummary): string {
  const parts: string[] = [];
  const rang = summary.PUSHED + summary.DELIVERED_TO_APP;
  if (rang > 0) parts.push(`${plural(rang, 'phone', 'phones')} rang`);
  if (summary.DELIVERED_TO_APP > 0) parts.push(`${summary.DELIVERED_TO_APP} confirmed in the app`);
  const bySms = summary.SMS_SENT + summary.SMS_DELIVERED;
  if (bySms > 0) parts.push(`${plural(bySms, 'SMS', 'SMS')} sent${summary.SMS_DELIVERED > 0 ? ` (${summary.SMS_DELIVERED} delivered)` : ''}`);
  if (summary.QUEUED > 0) parts.push(`${summary.QUEUED} waiting`);
  if (summary.FAILED > 0) parts.push(`${summary.FAILED} not reachable`);
  return parts.length > 0 ? parts.join(', ') : 'no alerts';
}
