/**
 * Alerts by SMS through an SMSC, over SMPP 3.4 with the `smpp` package.
 *
 * One transceiver bind carries both directions: alert texts go out as
 * submit_sm (a long one as the segments of a concatenated SMS, see
 * {@link submitParts}), volunteers' replies ("JA") come in as deliver_sm. The connection
 * is kept alive with enquire_link and re-established with growing pauses
 * whenever it drops, because an alert must not wait for someone to restart a
 * service.
 *
 * Things the `smpp` package leaves to its user, handled here:
 * - it answers nothing by itself: enquire_link, unbind and unknown PDUs from
 *   the SMSC must be answered, or the SMSC drops the bind;
 * - its `auto_enquire_link_period` never checks the answers, so a dead link
 *   would go unnoticed; requests here carry their own timeouts;
 * - requests pending when the connection drops never call back; they are
 *   failed here with OUTCOME_UNKNOWN;
 * - an 'error' without a listener would crash the process, and a PDU it
 *   cannot parse leaves the session silently stuck; any error therefore
 *   destroys the session, which leads to a fresh one.
 *
 * Phone numbers are personal data: logs show them masked, and never the text
 * (it holds the address and the cabinet code).
 */
import smpp from 'smpp';
import type { Logger } from '../../../common/logger.ts';
import {
  ChannelError,
  isE164,
  type AlertChannel,
  type DeliveryReport,
  type DeliveryReportHandler,
  type IncomingReply,
  type OutgoingAlert,
  type ReplyHandler,
  type SentAlertMessage,
} from './channel.ts';
import { planSms } from './sms-encoding.ts';

/** How to reach and use the SMSC. */
export interface SmppChannelOptions {
  readonly host: string;
  readonly port: number;
  /** SMPP over TLS (usually port 3550). */
  readonly tls?: boolean;
  readonly systemId: string;
  readonly password: string;
  readonly systemType?: string;
  /**
   * The sender the volunteer sees and replies to: a number in E.164 form, a
   * short code (digits), or an alphanumeric name of at most 11 characters.
   * Replies need a number: an alphanumeric sender cannot be answered.
   */
  readonly sender: string;
  /**
   * The SMSC drops an alert not delivered within this many minutes (default
   * 15). A phone switched on an hour later must not send its owner to a
   * patient the ambulance has long taken away.
   */
  readonly validityMinutes?: number;
  /** Pause between enquire_link keep-alives (default 30 s). */
  readonly enquireLinkIntervalMs?: number;
  /** How long to wait for any answer from the SMSC, including the bind (default 10 s). */
  readonly responseTimeoutMs?: number;
  /** How long `send` waits for a connection before failing with NOT_CONNECTED (default 5 s). */
  readonly connectWaitMs?: number;
  /** First and longest pause between reconnection attempts (default 0.5 s doubling up to 30 s). */
  readonly reconnectDelayMs?: { readonly initial: number; readonly max: number };
  /** Requests in flight at once; SMSCs commonly allow 10 and throttle beyond (default 10). */
  readonly window?: number;
  readonly logger?: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
}

type State = 'idle' | 'connecting' | 'bound' | 'closing' | 'closed';

interface Pending {
  readonly session: smpp.Session;
  readonly promise: Promise<smpp.PDU>;
  readonly fail: (error: ChannelError) => void;
}

interface Waiter {
  readonly resolve: (session: smpp.Session) => void;
  readonly reject: (error: ChannelError) => void;
}

// The bind refusals that mean "wrong credentials": retrying cannot help.
const CREDENTIAL_ERRORS = new Set([smpp.ESME_RBINDFAIL, smpp.ESME_RINVPASWD, smpp.ESME_RINVSYSID]);
// The refusals that mean "not now": the message was not taken and may be offered again shortly.
const BUSY_ERRORS = new Set([smpp.ESME_RTHROTTLED, smpp.ESME_RMSGQFUL]);
const BUSY_RETRIES = 3;
/** Bits 2–5 of esm_class give the message type: 0 is a message from a phone; the rest are receipts and acknowledgements. */
const ESM_CLASS_MESSAGE_TYPE = 0x3c;
/** esm_class bit saying short_message starts with a user data header (here: the concatenation header). */
const ESM_CLASS_UDH_INDICATOR = 0x40;
/** Information element "concatenated short message, 8-bit reference" (3GPP TS 23.040 9.2.3.24.1). */
const IEI_CONCATENATED_8BIT = 0x00;
const SMPP_VERSION_3_4 = 0x34;

/** esm_class message type of an SMSC delivery receipt. */
const ESM_CLASS_DELIVERY_RECEIPT = 0x04;
/** registered_delivery: ask for a receipt on final delivery, success or failure. */
const REGISTERED_DELIVERY_FINAL = 0x01;
/** message_state values (SMPP 3.4, 5.2.28) and their receipt words. */
const MESSAGE_STATES: Record<number, string> = { 1: 'ENROUTE', 2: 'DELIVRD', 3: 'EXPIRED', 4: 'DELETED', 5: 'UNDELIV', 6: 'ACCEPTD', 7: 'UNKNOWN', 8: 'REJECTD' };

/** The submit_sm fields that ask the SMSC for a delivery receipt. */
export function deliveryReceiptRequest(): Record<string, unknown> {
  return { registered_delivery: REGISTERED_DELIVERY_FINAL };
}

/**
 * The delivery report a deliver_sm carries when it is an SMSC delivery
 * receipt, or undefined when it is not one. The message id and state come
 * from the receipted_message_id and message_state TLVs when present, else
 * from the receipt text of SMPP 3.4 appendix B (`id:… sub:… dlvr:… submit
 * date:… done date:… stat:DELIVRD err:…`).
 */
export function parseDeliveryReceipt(pdu: smpp.PDU): DeliveryReport | undefined {
  if (((pdu.esm_class ?? 0) & ESM_CLASS_MESSAGE_TYPE) !== ESM_CLASS_DELIVERY_RECEIPT) return undefined;
  const text = messageText(pdu);
  const field = (name: string) => new RegExp(`(?:^|\\s)${name}:(\\S+)`, 'i').exec(text)?.[1];
  const receipted = pdu.receipted_message_id;
  const channelMessageId = (receipted ? String(receipted).replace(/\0+$/, '') : undefined) ?? field('id');
  const state = pdu.message_state;
  const status = (state !== undefined ? MESSAGE_STATES[state] : undefined) ?? field('stat')?.toUpperCase();
  if (!channelMessageId || !status) return undefined;
  return { channelMessageId, delivered: status === 'DELIVRD', status };
}

const noLogger: NonNullable<SmppChannelOptions['logger']> = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** `+31612345678` → `+3161****678`: enough to tell numbers apart in a log, not enough to call. */
export function maskPhoneNumber(number: string): string {
  if (number.length <= 7) return '*'.repeat(number.length);
  return `${number.slice(0, 5)}${'*'.repeat(number.length - 8)}${number.slice(-3)}`;
}

/** The name of an SMPP command_status, e.g. `ESME_RTHROTTLED (0x58)`, for messages a person reads. */
export function smppStatusName(status: number): string {
  const name = Object.entries(smpp.errors).find(([, code]) => code === status)?.[0] ?? 'unknown status';
  return `${name} (0x${status.toString(16)})`;
}

/** A sender address as the SMSC gave it, in E.164 form when the network marked it international. */
export function normaliseSender(address: string, typeOfNumber: number | undefined): string {
  const compact = address.replace(/[\s-]/g, '');
  if (compact.startsWith('+')) return compact;
  if (typeOfNumber === smpp.TON.INTERNATIONAL && /^\d+$/.test(compact)) return `+${compact}`;
  if (/^00[1-9]\d+$/.test(compact)) return `+${compact.slice(2)}`;
  // National or unknown format: without knowing the country, rewriting would guess.
  return compact;
}

function messageText(pdu: smpp.PDU): string {
  const text = (value: smpp.PDU['short_message']): string => {
    if (value === undefined) return '';
    if (typeof value === 'string') return value;
    if (Buffer.isBuffer(value)) return value.toString('latin1');
    return typeof value.message === 'string' ? value.message : value.message.toString('latin1');
  };
  // Long messages arrive in message_payload with an empty short_message.
  return text(pdu.message_payload) || text(pdu.short_message);
}

/**
 * The submit_sm fields that carry `text`, one entry per SMS: a single SMS
 * where it fits, else the segments of a concatenated SMS, each with the same
 * `reference`, its number and the count in a user data header (esm_class
 * 0x40), so the phone joins them in order whatever order they arrive in.
 * Both the alphabet and the split are sms-encoding.ts's: data_coding 0 with
 * unpacked GSM 03.38 septets, or 8 with UCS-2. The bytes are passed as they
 * are, past the package's own choice of coding (it would label GSM as IA5).
 */
export function submitParts(text: string, reference: number): Record<string, unknown>[] {
  const plan = planSms(text);
  if (plan.segments.length === 1) return [{ data_coding: plan.dataCoding, short_message: plan.segments[0] }];
  return plan.segments.map((segment, index) => ({
    data_coding: plan.dataCoding,
    esm_class: ESM_CLASS_UDH_INDICATOR,
    short_message: Buffer.concat([Buffer.from([0x05, IEI_CONCATENATED_8BIT, 0x03, reference & 0xff, plan.segments.length, index + 1]), segment]),
  }));
}

function senderFields(sender: string): Record<string, unknown> {
  if (isE164(sender)) return { source_addr_ton: smpp.TON.INTERNATIONAL, source_addr_npi: smpp.NPI.ISDN, source_addr: sender.slice(1) };
  if (/^\d{3,15}$/.test(sender)) return { source_addr_ton: smpp.TON.NETWORK_SPECIFIC, source_addr_npi: smpp.NPI.UNKNOWN, source_addr: sender };
  return { source_addr_ton: smpp.TON.ALPHANUMERIC, source_addr_npi: smpp.NPI.UNKNOWN, source_addr: sender };
}

/** SMPP relative time "YYMMDDhhmmss000R" for a number of minutes. */
function relativeValidity(minutes: number): string {
  const two = (value: number) => String(value).padStart(2, '0');
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  return `0000${two(days)}${two(hours)}${two(minutes % 60)}00000R`;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An {@link AlertChannel} that sends SMS through an SMSC over SMPP.
 *
 * Call {@link SmppAlertChannel.start} once, then `send` alerts and receive
 * replies through `onReply`; `close` ends the bind politely (unbind) and
 * releases every socket and timer.
 */
export class SmppAlertChannel implements AlertChannel {
  readonly name = 'sms-smpp';
  private state: State = 'idle';
  /** The session being connected or bound, if any. */
  private current: smpp.Session | undefined;
  /** The session once bound, ready for submit_sm. */
  private bound: smpp.Session | undefined;
  private readonly handlers = new Set<ReplyHandler>();
  private readonly reportHandlers = new Set<DeliveryReportHandler>();
  private readonly waiters = new Set<Waiter>();
  private readonly pending = new Set<Pending>();
  private readonly queue: (() => void)[] = [];
  private inWindow = 0;
  /** The concatenation reference of the last multi-part SMS (one octet; started at random so restarts rarely reuse one). */
  private reference = Math.floor(Math.random() * 256);
  private attempt = 0;
  private everBound = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  private started: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private closing: Promise<void> | undefined;
  private readonly options: Required<Omit<SmppChannelOptions, 'systemType' | 'tls' | 'logger'>> & Pick<SmppChannelOptions, 'systemType' | 'tls'>;
  private readonly log: NonNullable<SmppChannelOptions['logger']>;

  constructor(options: SmppChannelOptions) {
    this.options = {
      validityMinutes: 15,
      enquireLinkIntervalMs: 30_000,
      responseTimeoutMs: 10_000,
      connectWaitMs: 5_000,
      reconnectDelayMs: { initial: 500, max: 30_000 },
      window: 10,
      // Settings given as undefined keep their defaults.
      ...(Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as SmppChannelOptions),
    };
    this.log = options.logger ?? noLogger;
  }

  /** Whether a bind is up right now. */
  get isBound(): boolean {
    return this.bound !== undefined;
  }

  /**
   * Connects and binds. Resolves at the first successful bind; rejects when
   * the SMSC refuses the credentials (retrying would not help) or when the
   * channel is closed first. Lost or refused connections are retried in the
   * background, so the promise waits out an SMSC outage.
   */
  start(): Promise<void> {
    if (this.state !== 'idle') return Promise.reject(new Error('The SMPP channel was already started.'));
    this.state = 'connecting';
    const promise = new Promise<void>((resolve, reject) => {
      this.started = { resolve, reject };
    });
    this.open();
    return promise;
  }

  onReply(handler: ReplyHandler): () => void {
    this.handlers.add(handler);
    return () => {
      this.handlers.delete(handler);
    };
  }

  onDeliveryReport(handler: DeliveryReportHandler): () => void {
    this.reportHandlers.add(handler);
    return () => {
      this.reportHandlers.delete(handler);
    };
  }

  async send(alert: OutgoingAlert): Promise<SentAlertMessage> {
    if (this.state === 'closing' || this.state === 'closed') throw new ChannelError('CLOSED', 'The SMPP channel is closed.');
    if (!isE164(alert.to)) throw new ChannelError('INVALID_RECIPIENT', `Not a phone number in E.164 form: ${maskPhoneNumber(alert.to)}.`);
    if (alert.text.trim() === '') throw new ChannelError('INVALID_RECIPIENT', 'An alert text must not be empty.');
    const fields = {
      ...senderFields(this.options.sender),
      dest_addr_ton: smpp.TON.INTERNATIONAL,
      dest_addr_npi: smpp.NPI.ISDN,
      destination_addr: alert.to.slice(1),
      // GSM priority: SMSCs with a queue serve these first.
      priority_flag: 1,
      validity_period: relativeValidity(this.options.validityMinutes),
    };
    this.reference = (this.reference + 1) & 0xff;
    const parts = submitParts(alert.text, this.reference);
    await this.enterWindow();
    try {
      // The segments go one after the other on one window slot: some SMSCs join them only in order.
      const ids: string[] = [];
      for (const part of parts) {
        try {
          // A receipt for the first segment only: it carries the message id the channel reports (channelMessageId).
          ids.push(await this.submit(alert, { ...fields, ...part, ...(ids.length === 0 ? deliveryReceiptRequest() : {}) }));
        } catch (error) {
          // Part of the message is on its way: sending all of it again could alert the volunteer twice.
          if (ids.length > 0 && error instanceof ChannelError && !error.mayHaveBeenSent) {
            throw new ChannelError('OUTCOME_UNKNOWN', `Segment ${ids.length + 1} of ${parts.length} failed after the first went out: ${error.message}`, { cause: error });
          }
          throw error;
        }
      }
      return ids.length === 1 ? { channelMessageId: ids[0]! } : { channelMessageId: ids[0]!, segmentMessageIds: ids };
    } finally {
      this.leaveWindow();
    }
  }

  /** Submits one SMS (or one segment), offering it again while the SMSC says it is busy; resolves with the SMSC's message id. */
  private async submit(alert: OutgoingAlert, fields: Record<string, unknown>): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const session = await this.boundSession();
      const response = await this.request(session, 'submit_sm', fields);
      const status = response.command_status;
      if (status === smpp.ESME_ROK) {
        this.log.debug({ alertId: alert.alertId, to: maskPhoneNumber(alert.to), messageId: response.message_id }, 'alert SMS accepted by SMSC');
        return response.message_id ?? '';
      }
      if (BUSY_ERRORS.has(status) && attempt < BUSY_RETRIES) {
        await delay(250 * attempt);
        continue;
      }
      throw new ChannelError('REJECTED', `The SMSC refused the alert to ${maskPhoneNumber(alert.to)}: ${smppStatusName(status)}.`);
    }
  }

  /**
   * Stops sending, waits (up to the response timeout) for alerts in flight so
   * their outcome is known, unbinds, and closes the socket. Safe to call twice.
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.state = 'closing';
    clearTimeout(this.reconnectTimer);
    this.stopKeepAlive();
    const closed = new ChannelError('CLOSED', 'The SMPP channel was closed.');
    for (const waiter of this.waiters) waiter.reject(closed);
    this.waiters.clear();
    this.started?.reject(closed);
    this.started = undefined;
    await Promise.allSettled([...this.pending].map((pending) => pending.promise));
    const session = this.current;
    if (session && this.bound === session) {
      await this.request(session, 'unbind', {}).catch(() => {});
    }
    if (session) await this.end(session);
    this.state = 'closed';
  }

  private end(session: smpp.Session): Promise<void> {
    if (session.socket.destroyed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      // A polite end() waits for the SMSC to close its side; some never do.
      const force = setTimeout(() => session.destroy(), Math.min(this.options.responseTimeoutMs, 2_000));
      session.socket.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      if (this.bound === session) session.close();
      else session.destroy();
    });
  }

  private open(): void {
    const { host, port, tls, responseTimeoutMs } = this.options;
    const session = smpp.connect({ host, port, tls });
    this.current = session;
    // Covers a silent network (connect hangs) as well as an SMSC that never answers the bind.
    const deadline = setTimeout(() => {
      this.log.warn({ host, port }, 'SMPP connect or bind timed out');
      session.destroy();
    }, responseTimeoutMs);

    session.on('error', (error: Error) => {
      this.log.warn({ err: error, host, port }, 'SMPP connection error');
      session.destroy();
    });
    session.on('close', () => {
      clearTimeout(deadline);
      this.onClosed(session);
    });
    session.once(tls ? 'secureConnect' : 'connect', () => {
      session.bind_transceiver(
        {
          system_id: this.options.systemId,
          password: this.options.password,
          system_type: this.options.systemType ?? '',
          interface_version: SMPP_VERSION_3_4,
        },
        (response) => {
          clearTimeout(deadline);
          this.onBindResponse(session, response.command_status);
        },
      );
    });
    session.on('deliver_sm', (pdu: smpp.PDU) => void this.onDeliverSm(session, pdu));
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.PDU) => {
      this.log.info({ host, port }, 'SMSC unbound; reconnecting');
      this.bound = undefined;
      session.send(pdu.response(), () => session.close());
    });
    session.on('unknown', (pdu: smpp.PDU) => session.send(pdu.response()));
  }

  private onBindResponse(session: smpp.Session, status: number): void {
    if (this.state === 'closing' || this.state === 'closed' || this.current !== session) {
      session.destroy();
      return;
    }
    if (status !== smpp.ESME_ROK) {
      const reason = `The SMSC refused the bind as ${this.options.systemId}: ${smppStatusName(status)}.`;
      this.log.error({ host: this.options.host, port: this.options.port }, reason);
      if (CREDENTIAL_ERRORS.has(status) && !this.everBound) {
        // Wrong credentials at start-up are a configuration error: fail loudly instead of retrying forever.
        const error = new ChannelError('REJECTED', reason);
        this.started?.reject(error);
        this.started = undefined;
        this.state = 'closed';
        for (const waiter of this.waiters) waiter.reject(error);
        this.waiters.clear();
      }
      session.destroy();
      return;
    }
    this.state = 'bound';
    this.bound = session;
    this.everBound = true;
    this.attempt = 0;
    this.log.info({ host: this.options.host, port: this.options.port }, 'SMPP bound as transceiver');
    this.startKeepAlive(session);
    this.started?.resolve();
    this.started = undefined;
    for (const waiter of this.waiters) waiter.resolve(session);
    this.waiters.clear();
  }

  private onClosed(session: smpp.Session): void {
    if (this.bound === session) this.bound = undefined;
    this.stopKeepAlive();
    const lost = new ChannelError('OUTCOME_UNKNOWN', 'The SMPP connection closed before the SMSC answered.');
    for (const pending of this.pending) if (pending.session === session) pending.fail(lost);
    if (this.current !== session) return;
    this.current = undefined;
    if (this.state === 'closing' || this.state === 'closed') return;
    this.state = 'connecting';
    const { initial, max } = this.options.reconnectDelayMs;
    const wait = Math.min(max, initial * 2 ** this.attempt);
    this.attempt += 1;
    this.log.warn({ host: this.options.host, port: this.options.port, retryInMs: wait }, 'SMPP connection lost; reconnecting');
    this.reconnectTimer = setTimeout(() => {
      if (this.state === 'connecting') this.open();
    }, wait);
  }

  private startKeepAlive(session: smpp.Session): void {
    this.stopKeepAlive();
    this.keepAlive = setInterval(() => {
      this.request(session, 'enquire_link', {}).catch((error: unknown) => {
        if (this.bound !== session) return;
        this.log.warn({ err: error }, 'SMSC did not answer enquire_link; reconnecting');
        session.destroy();
      });
    }, this.options.enquireLinkIntervalMs);
  }

  private stopKeepAlive(): void {
    clearInterval(this.keepAlive);
    this.keepAlive = undefined;
  }

  /** Sends a request and waits for its response; fails on timeout or when the connection goes first. */
  private request(session: smpp.Session, command: string, options: Record<string, unknown>): Promise<smpp.PDU> {
    let settle: { resolve: (pdu: smpp.PDU) => void; reject: (error: ChannelError) => void } | undefined;
    const promise = new Promise<smpp.PDU>((resolve, reject) => {
      settle = { resolve, reject };
    });
    const timer = setTimeout(
      () => pending.fail(new ChannelError('OUTCOME_UNKNOWN', `The SMSC did not answer ${command} within ${this.options.responseTimeoutMs} ms.`)),
      this.options.responseTimeoutMs,
    );
    const finish = () => {
      clearTimeout(timer);
      return this.pending.delete(pending);
    };
    const pending: Pending = {
      session,
      promise,
      fail: (error) => {
        if (finish()) settle!.reject(error);
      },
    };
    this.pending.add(pending);
    const written = session.send(new smpp.PDU(command, options), (response) => {
      if (finish()) settle!.resolve(response);
    });
    if (!written) pending.fail(new ChannelError('NOT_CONNECTED', `The SMPP connection was not writable for ${command}.`));
    return promise;
  }

  private boundSession(): Promise<smpp.Session> {
    if (this.state === 'closing' || this.state === 'closed') {
      return Promise.reject(new ChannelError('CLOSED', 'The SMPP channel is closed.'));
    }
    if (this.state === 'idle') return Promise.reject(new ChannelError('NOT_CONNECTED', 'The SMPP channel was not started.'));
    if (this.bound) return Promise.resolve(this.bound);
    return new Promise<smpp.Session>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new ChannelError('NOT_CONNECTED', `No SMPP connection within ${this.options.connectWaitMs} ms.`));
      }, this.options.connectWaitMs);
      const waiter: Waiter = {
        resolve: (session) => {
          clearTimeout(timer);
          resolve(session);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.add(waiter);
    });
  }

  private async enterWindow(): Promise<void> {
    if (this.inWindow < this.options.window) {
      this.inWindow += 1;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  private leaveWindow(): void {
    // Hand the slot straight to the next waiting sender, so the count never drops and rises in between.
    const next = this.queue.shift();
    if (next) next();
    else this.inWindow -= 1;
  }

  /** Passes a delivery receipt to the report handlers; the status to answer with (a failure has the SMSC offer it again). */
  private async onReceipt(pdu: smpp.PDU): Promise<number> {
    const report = parseDeliveryReceipt(pdu);
    if (!report) return smpp.ESME_ROK;
    let status = smpp.ESME_ROK;
    for (const handler of [...this.reportHandlers]) {
      try {
        await handler(report);
      } catch (error) {
        this.log.error({ err: error, messageId: report.channelMessageId }, 'delivery report handler failed; the SMSC will offer the receipt again');
        status = smpp.ESME_RX_T_APPN;
      }
    }
    return status;
  }

  private async onDeliverSm(session: smpp.Session, pdu: smpp.PDU): Promise<void> {
    if (((pdu.esm_class ?? 0) & ESM_CLASS_MESSAGE_TYPE) !== 0) {
      // A delivery receipt or acknowledgement, not a volunteer's answer.
      session.send(pdu.response({ command_status: await this.onReceipt(pdu) }));
      return;
    }
    const reply: IncomingReply = {
      from: normaliseSender(pdu.source_addr ?? '', pdu.source_addr_ton),
      text: messageText(pdu),
      receivedAt: new Date(),
    };
    // Without a handler the reply would be lost: a temporary error makes the SMSC offer it again later.
    let status = this.handlers.size === 0 ? smpp.ESME_RX_T_APPN : smpp.ESME_ROK;
    for (const handler of [...this.handlers]) {
      try {
        await handler(reply);
      } catch (error) {
        this.log.error({ err: error, from: maskPhoneNumber(reply.from) }, 'reply handler failed; the SMSC will deliver the reply again');
        status = smpp.ESME_RX_T_APPN;
      }
    }
    session.send(pdu.response({ command_status: status }));
  }
}
