/**
 * An SMSC for tests: a real SMPP 3.4 server (the `smpp` package's
 * createServer) on 127.0.0.1, which accepts binds as `heartsafe` with
 * `password`, answers submit_sm as `onSubmit` says, records every PDU, and
 * can deliver a volunteer's reply (deliver_sm) to the bound client. It
 * joins the segments of a concatenated SMS as a phone does (`messages`), so
 * tests read the text the volunteer sees, and it sends a delivery receipt
 * for every accepted submit_sm that asks for one (as `receiptFor` says:
 * delivered, undeliverable, or none).
 * Used by the adapter's own tests and by the end-to-end SMS test.
 */
import type { AddressInfo } from 'node:net';
import smpp from 'smpp';

/** What the fake SMSC does with a submit_sm: answer with this status, or (null) never answer. */
export type SubmitBehaviour = (pdu: smpp.PDU, count: number) => number | null;

/** The text of a submit_sm as the SMSC decoded it. */
export function textOf(pdu: smpp.PDU): string | Buffer | undefined {
  const body = pdu.message_payload ?? pdu.short_message;
  return typeof body === 'object' && !Buffer.isBuffer(body) ? body.message : body;
}

/** The receipt the fake SMSC sends for an accepted submit_sm: its final state, or null for none. */
export type ReceiptBehaviour = (pdu: smpp.PDU) => 'DELIVRD' | 'UNDELIV' | null;

/** message_state TLV values (SMPP 3.4, 5.2.28). */
const MESSAGE_STATE = { DELIVRD: 2, UNDELIV: 5 } as const;

/** SMPP 3.4 appendix B date: YYMMDDhhmm. */
function receiptDate(at: Date): string {
  return at.toISOString().replace(/[-T:]/g, '').slice(2, 12);
}

/** An SMS as the phone shows it: a concatenated SMS's segments joined. */
export interface ReceivedSms {
  /** The destination, E.164. */
  readonly to: string;
  readonly text: string;
  /** 0 (GSM 03.38) or 8 (UCS-2). */
  readonly dataCoding: number;
  /** How many submit_sm carried it. */
  readonly segments: number;
}

/** The concatenation header of a segment (8- or 16-bit reference), if it has one. */
function concatenationOf(pdu: smpp.PDU): { reference: number; count: number; number: number } | undefined {
  const body = pdu.message_payload ?? pdu.short_message;
  if (typeof body !== 'object' || Buffer.isBuffer(body)) return undefined;
  for (const element of body.udh ?? []) {
    if (element[0] === 0x00 && element.length >= 5) return { reference: element[2]!, count: element[3]!, number: element[4]! };
    if (element[0] === 0x08 && element.length >= 6) return { reference: element.readUInt16BE(2), count: element[4]!, number: element[5]! };
  }
  return undefined;
}

/** A local SMSC on a free port; `listen()` returns the port. */
export class FakeSmsc {
  readonly server = smpp.createServer();
  readonly sessions = new Set<smpp.Session>();
  readonly binds: smpp.PDU[] = [];
  readonly submits: smpp.PDU[] = [];
  readonly responses: smpp.PDU[] = [];
  readonly received: string[] = [];
  /** Every SMS submitted, as the phone would show it (segments joined once all arrived). */
  readonly messages: ReceivedSms[] = [];
  private readonly segments = new Map<string, Map<number, string>>();
  password = 'secret';
  answerEnquireLink = true;
  onSubmit: SubmitBehaviour = () => smpp.ESME_ROK;
  receiptFor: ReceiptBehaviour = () => 'DELIVRD';
  /** How long after accepting a message its receipt follows (a phone takes a moment to answer the network). */
  receiptDelayMs = 100;
  /** The delivery receipts sent, with their deliver_sm_resp status. */
  readonly receipts: { messageId: string; stat: string; status?: number }[] = [];

  constructor() {
    this.server.on('session', (session) => {
      this.sessions.add(session);
      session.on('close', () => this.sessions.delete(session));
      // A client that drops its socket makes the server session emit 'error'; it must not crash the test run.
      session.on('error', () => session.destroy());
      session.on('pdu', (pdu: smpp.PDU) => {
        this.received.push(pdu.command);
        if (pdu.isResponse()) this.responses.push(pdu);
      });
      session.on('bind_transceiver', (pdu: smpp.PDU) => {
        this.binds.push(pdu);
        const ok = pdu.system_id === 'heartsafe' && pdu.password === this.password;
        session.send(pdu.response({ command_status: ok ? smpp.ESME_ROK : smpp.ESME_RINVPASWD }));
      });
      session.on('submit_sm', (pdu: smpp.PDU) => {
        this.submits.push(pdu);
        this.reassemble(pdu);
        const status = this.onSubmit(pdu, this.submits.length);
        if (status === null) return;
        const messageId = `msg-${this.submits.length}`;
        session.send(pdu.response(status === smpp.ESME_ROK ? { message_id: messageId } : { command_status: status }));
        if (status === smpp.ESME_ROK && ((pdu.registered_delivery ?? 0) & 0x01) !== 0) this.sendReceipt(session, pdu, messageId);
      });
      session.on('enquire_link', (pdu: smpp.PDU) => {
        if (this.answerEnquireLink) session.send(pdu.response());
      });
      session.on('unbind', (pdu: smpp.PDU) => session.send(pdu.response(), () => session.close()));
    });
  }

  /** Reports the fate of an accepted message in a deliver_sm, as SMSCs do (esm_class 0x04, appendix B text and TLVs). */
  private sendReceipt(session: smpp.Session, submit: smpp.PDU, messageId: string): void {
    const stat = this.receiptFor(submit);
    if (!stat) return;
    const timer = setTimeout(() => {
      const date = receiptDate(new Date());
      const entry: { messageId: string; stat: string; status?: number } = { messageId, stat };
      this.receipts.push(entry);
      session.deliver_sm(
        {
          source_addr: submit.destination_addr,
          destination_addr: submit.source_addr,
          esm_class: 0x04,
          short_message: `id:${messageId} sub:001 dlvr:${stat === 'DELIVRD' ? '001' : '000'} submit date:${date} done date:${date} stat:${stat} err:000 text:`,
          receipted_message_id: messageId,
          message_state: MESSAGE_STATE[stat],
        },
        (response: smpp.PDU) => {
          entry.status = response.command_status;
        },
      );
    }, this.receiptDelayMs);
    timer.unref();
  }

  /** Adds a submitted SMS to `messages`, or keeps a segment until its message is complete. */
  private reassemble(pdu: smpp.PDU): void {
    const to = `+${pdu.destination_addr ?? ''}`;
    const text = String(textOf(pdu) ?? '');
    const dataCoding = pdu.data_coding ?? 0;
    const concatenation = concatenationOf(pdu);
    if (!concatenation) {
      this.messages.push({ to, text, dataCoding, segments: 1 });
      return;
    }
    const key = `${to}/${concatenation.reference}/${concatenation.count}`;
    const parts = this.segments.get(key) ?? new Map<number, string>();
    parts.set(concatenation.number, text);
    this.segments.set(key, parts);
    if (parts.size < concatenation.count) return;
    this.segments.delete(key);
    const joined = Array.from({ length: concatenation.count }, (_, index) => parts.get(index + 1) ?? '').join('');
    this.messages.push({ to, text: joined, dataCoding, segments: concatenation.count });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  /** The one bound client session. */
  get session(): smpp.Session {
    const [session] = this.sessions;
    if (!session) throw new Error('no client is connected');
    return session;
  }

  /** Sends a deliver_sm to the client and resolves with its deliver_sm_resp. */
  deliver(fields: Record<string, unknown>): Promise<smpp.PDU> {
    return new Promise((resolve) => this.session.deliver_sm(fields, resolve));
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
