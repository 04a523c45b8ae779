/**
 * Push delivery: how an alert wakes a volunteer's phone while their app
 * sleeps. Each platform's push service (APNs for iOS, FCM HTTP v1 for
 * Android, Web Push for web apps) sits behind {@link PushService}, so the
 * delivery ladder (SMS after an unconfirmed push) and the durable push jobs
 * know nothing of any one protocol.
 */

/** The kind of app a device runs; decides which push service reaches it. */
export type DevicePlatform = 'IOS' | 'ANDROID' | 'WEB';

/** A Web Push subscription as the browser's `PushSubscription.toJSON()` gives it. */
export interface WebPushSubscription {
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

/** Where one push goes: one registered device of a volunteer. */
export interface PushTarget {
  readonly platform: DevicePlatform;
  /** APNs device token (hex) or FCM registration token; unused for WEB. */
  readonly token?: string;
  /** The Web Push subscription; WEB only. */
  readonly subscription?: WebPushSubscription;
  /** iOS: the app holds Apple's critical-alert entitlement, so the alert may ring through silent mode. */
  readonly criticalAlerts?: boolean;
}

/** One push message, as every service gets it; each service maps it onto its own protocol. */
export interface PushMessage {
  /** Our alert's id: the collapse id (APNs), collapse key/tag (FCM, Web Push), and what the app acknowledges. */
  readonly alertId: string;
  /** Short title, e.g. "Cardiac arrest nearby". */
  readonly title: string;
  /** What the volunteer must do, in their language (the alert's app text). */
  readonly body: string;
  /** What the app needs to ring and show the task without another round trip; string values only (FCM data). */
  readonly data: Readonly<Record<string, string>>;
  /** After this instant the alert is useless and the push service must drop it (APNs expiration, FCM/Web Push TTL). */
  readonly expiresAt: Date;
  /** An alert that must ring (critical / high priority); false for stand-downs and other news. */
  readonly urgent: boolean;
}

/**
 * What the push service answered.
 * - `SENT`: accepted for delivery (not yet on the phone).
 * - `DEAD_TOKEN`: the token or subscription is gone for good (APNs 410 or
 *   BadDeviceToken, FCM UNREGISTERED, Web Push 404/410): remove the device.
 * - `RETRY`: try again later (429, 5xx, timeout), not before `retryAfterMs` when the service said so.
 * - `FAILED`: refused for a reason a retry will not fix (bad request, bad credentials).
 */
export type PushOutcome =
  | { readonly kind: 'SENT'; readonly messageId?: string }
  | { readonly kind: 'DEAD_TOKEN'; readonly reason: string }
  | { readonly kind: 'RETRY'; readonly reason: string; readonly retryAfterMs?: number }
  | { readonly kind: 'FAILED'; readonly reason: string };

/** One platform's push service. */
export interface PushService {
  /** The platform it reaches. */
  readonly platform: DevicePlatform;
  /** Short name for logs and metrics, e.g. `apns`. */
  readonly name: string;
  /** Sends one message to one device; never throws for what the service answered (see {@link PushOutcome}). */
  send(target: PushTarget, message: PushMessage): Promise<PushOutcome>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
