/**
 * An SMSC for tests: a real SMPP 3.4 server (the `smpp` package's
 * createServer) on 127.0.0.1, which accepts binds as `heartsafe` with
 * `password`, answers submit_sm as `onSubmit` says, records every PDU, and
 * can deliver a volunteer's reply (deliver_sm) to the bound client.
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

/** A local SMSC on a free port; `listen()` returns the port. */
export class FakeSmsc {
  readonly server = smpp.createServer();
  readonly sessions = new Set<smpp.Session>();
  readonly binds: smpp.PDU[] = [];
  readonly submits: smpp.PDU[] = [];
  readonly responses: smpp.PDU[] = [];
  readonly received: string[] = [];
  password = 'secret';
  answerEnquireLink = true;
  onSubmit: SubmitBehaviour = () => smpp.ESME_ROK;

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
        const status = this.onSubmit(pdu, this.submits.length);
        if (status === null) return;
        session.send(pdu.response(status === smpp.ESME_ROK ? { message_id: `msg-${this.submits.length}` } : { command_status: status }));
      });
      session.on('enquire_link', (pdu: smpp.PDU) => {
        if (this.answerEnquireLink) session.send(pdu.response());
      });
      session.on('unbind', (pdu: smpp.PDU) => session.send(pdu.response(), () => session.close()));
    });
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
