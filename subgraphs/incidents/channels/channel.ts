/**
 * An alert delivery channel: the way an Alert reaches a volunteer's phone and
 * the volunteer's answer comes back (SMS today; a push service could be another).
 */

/** An alert text on its way to one volunteer. */
export interface OutgoingAlert {
  /** The volunteer's mobile number in E.164 form, e.g. `+31612345678`. */
  readonly to: string;
  /** The text to show, ready to send (see `alert-text.ts`). */
  readonly text: string;
  /** Our id of the Alert, for logs only; never shown to the volunteer. */
  readonly alertId?: string;
}

/** Proof that the channel took the alert over. */
export interface SentAlertMessage {
  /** The id the channel gave the message (an SMSC message id), to match later delivery reports. */
  readonly channelMessageId: string;
  /** For a concatenated SMS: the id of every segment, in order (the first is `channelMessageId`); each gets its own delivery report. */
  readonly segmentMessageIds?: readonly string[];
}

/** A message a volunteer sent back. */
export interface IncomingReply {
  /** The sender's number, in E.164 form when the network said it is international. */
  readonly from: string;
  readonly text: string;
  readonly receivedAt: Date;
}

/**
 * Handles one reply. When it throws or rejects, the channel tells its network
 * the reply could not be processed yet, so the network delivers it again
 * later: handlers must therefore be idempotent (a second "JA" for the same
 * Alert changes nothing).
 */
export type ReplyHandler = (reply: IncomingReply) => void | Promise<void>;

/**
 * Why a send failed, so the caller can choose between retrying, falling back
 * to another channel, or telling the dispatcher.
 *
 * - `INVALID_RECIPIENT`: the number or text is unusable; retrying will not help.
 * - `NOT_CONNECTED`: no connection to the network within the wait; nothing was sent.
 * - `REJECTED`: the network refused the message; nothing was sent.
 * - `OUTCOME_UNKNOWN`: the connection broke or timed out after the message
 *   went out; it may have been delivered, so a retry may alert the volunteer twice.
 * - `CLOSED`: the channel is shutting down.
 */
export type ChannelErrorCode = 'INVALID_RECIPIENT' | 'NOT_CONNECTED' | 'REJECTED' | 'OUTCOME_UNKNOWN' | 'CLOSED';

/** A failed send, with a code saying what is known about the message's fate. */
export class ChannelError extends Error {
  constructor(
    readonly code: ChannelErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ChannelError';
  }

  /** Whether the volunteer may have got the message anyway, so that sending it again may alert them twice. */
  get mayHaveBeenSent(): boolean {
    return this.code === 'OUTCOME_UNKNOWN';
  }
}

/** What the network reported about a message it took (an SMSC delivery receipt). */
export interface DeliveryReport {
  /** The id the channel gave the message when it was sent ({@link SentAlertMessage.channelMessageId}). */
  readonly channelMessageId: string;
  /** Whether the message reached the phone. */
  readonly delivered: boolean;
  /** The network's word for it, e.g. `DELIVRD`, `UNDELIV`, `EXPIRED`, `REJECTD`. */
  readonly status: string;
}

/** Handles one delivery report; like a {@link ReplyHandler}, a rejection has the network offer it again later. */
export type DeliveryReportHandler = (report: DeliveryReport) => void | Promise<void>;

/** Sends alert texts to volunteers' phones and passes their replies on. */
export interface AlertChannel {
  /** Short name for logs and metrics, e.g. `sms-smpp`. */
  readonly name: string;
  /** Hands one alert to the network; resolves once the network accepted it (not yet delivered to the phone). */
  send(alert: OutgoingAlert): Promise<SentAlertMessage>;
  /** Registers a reply handler; returns a function that removes it. */
  onReply(handler: ReplyHandler): () => void;
  /** Registers a handler of delivery reports, on channels whose network sends them; returns a function that removes it. */
  onDeliveryReport?(handler: DeliveryReportHandler): () => void;
  /** Stops sending, lets messages in flight finish, and releases every connection and timer. */
  close(): Promise<void>;
}

/** Whether `value` is a phone number in E.164 form (`+`, country code, up to 15 digits). */
export function isE164(value: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(value);
}
