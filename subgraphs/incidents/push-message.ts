/**
 * What a push says: the same instruction the app shows, with the data the app
 * needs to ring and show the task before it has asked the API anything. It
 * carries no more personal data than the SMS does: the patient's address, the
 * AED and its cabinet code, never the patient's position, a name or a phone number.
 */
import type { PushMessage } from './channels/push.ts';
import { composeStandDownText, type StandDownTextReason } from './channels/alert-text.ts';

/** What a push is about. */
export type DeliveryPurpose = 'ALERT' | 'STAND_DOWN';

/** The alert as the push message needs it. */
export interface AlertForPush {
  alertId: string;
  incidentId: string | null;
  task: string | null;
  /** The app text of the alert (alert.message). */
  message: string;
  address: string | null;
  aedId: string | null;
  aedLatitude: number | null;
  aedLongitude: number | null;
  cabinetCode: string | null;
  standDownReason: StandDownTextReason | null;
  /** After this the alert is of no use (the SMS's useful time). */
  expiresAt: Date;
}

const TITLES: Record<DeliveryPurpose, string> = {
  ALERT: 'Cardiac arrest nearby',
  STAND_DOWN: 'Stand down',
};

/** The push for an alert (urgent: it must ring) or its stand-down (not urgent). */
export function pushMessageOf(purpose: DeliveryPurpose, alert: AlertForPush): PushMessage {
  const data: Record<string, string> = { type: purpose, alertId: alert.alertId, expiresAt: alert.expiresAt.toISOString() };
  if (alert.incidentId) data.incidentId = alert.incidentId;
  if (alert.task) data.task = alert.task;
  if (purpose === 'ALERT') {
    if (alert.address) data.address = alert.address;
    if (alert.aedId) data.aedId = alert.aedId;
    if (alert.aedLatitude !== null && alert.aedLongitude !== null) {
      data.aedLatitude = String(alert.aedLatitude);
      data.aedLongitude = String(alert.aedLongitude);
    }
    if (alert.cabinetCode) data.cabinetCode = alert.cabinetCode;
  }
  const body = purpose === 'ALERT' ? alert.message : composeStandDownText(alert.standDownReason ?? 'INCIDENT_CLOSED');
  return { alertId: alert.alertId, title: TITLES[purpose], body, data, expiresAt: alert.expiresAt, urgent: purpose === 'ALERT' };
}
