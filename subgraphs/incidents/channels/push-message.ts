/**
 * What a push says: the same instruction the app shows, with the data the app
 * needs to ring and show the task before it has asked the API anything. It
 * carries no more personal data than the SMS does: the patient's address, the
 * AED and its cabinet code, never the patient's position, a name or a phone number.
 */
import type { PushMessage } from './push.ts';
import { composeStandDownText, type StandDownTextReason } from './alert-text.ts';
import { alertTitle, catalogueLanguage } from './messages.ts';

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
  /** The language of the alert's texts (alert.language). */
  language: string | null;
  /** After this the alert is of no use (the SMS's useful time). */
  expiresAt: Date;
}

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
  if (purpose === 'ALERT') return { alertId: alert.alertId, title: alertTitle(alert.language), body: alert.message, data, expiresAt: alert.expiresAt, urgent: true };
  const body = composeStandDownText(alert.standDownReason ?? 'INCIDENT_CLOSED', catalogueLanguage(alert.language));
  // Every catalogue's stand-down text opens with its heading ("Stand down: …").
  const title = body.includes(':') ? body.slice(0, body.indexOf(':')) : body;
  return { alertId: alert.alertId, title, body, data, expiresAt: alert.expiresAt, urgent: false };
}
