/**
 * Types for the parts of `smpp` (0.5.1, farhadi/node-smpp) that the incidents
 * subgraph uses. The package ships none. PDU fields keep the SMPP
 * specification's snake_case names, as the package does.
 */
declare module 'smpp' {
  import { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  namespace smpp {
    /**
     * A decoded message body. The package turns `short_message` and
     * `message_payload` into this object when it reads a PDU (`message` is a
     * Buffer when the data coding is one it cannot decode); when writing, a
     * string is encoded by the package and a Buffer is sent as it is.
     */
    interface DecodedMessage {
      message: string | Buffer;
      udh?: Buffer[];
    }

    /** Fields of a PDU to build, by their SMPP names. */
    type PduOptions = Record<string, unknown>;

    class PDU {
      constructor(command: string, options?: PduOptions);
      command: string;
      command_id: number;
      command_status: number;
      sequence_number: number;
      system_id?: string;
      password?: string;
      source_addr?: string;
      source_addr_ton?: number;
      destination_addr?: string;
      esm_class?: number;
      data_coding?: number | null;
      priority_flag?: number;
      validity_period?: string | Date;
      short_message?: DecodedMessage | Buffer | string;
      message_payload?: DecodedMessage | Buffer | string;
      message_id?: string;
      registered_delivery?: number;
      /** TLV of a delivery receipt: the SMSC's id of the message it reports on. */
      receipted_message_id?: string;
      /** TLV of a delivery receipt: the message's final state (2 delivered, 5 undeliverable…). */
      message_state?: number;
      isResponse(): boolean;
      /** The response to this request, with the same sequence number. */
      response(options?: PduOptions): PDU;
    }

    type PduCallback = (pdu: PDU) => void;

    /** One SMPP connection, client or server side; emits `connect`, `secureConnect`, `close`, `error`, `pdu` and one event per command name. */
    class Session extends EventEmitter {
      socket: Socket;
      /** Sends a PDU; returns false (and never calls back) when the socket is not writable. */
      send(pdu: PDU, responseCallback?: PduCallback, sendCallback?: PduCallback): boolean;
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;
      pause(): void;
      resume(): void;
      bind_transceiver(options: PduOptions, responseCallback?: PduCallback): boolean;
      submit_sm(options: PduOptions, responseCallback?: PduCallback): boolean;
      deliver_sm(options: PduOptions, responseCallback?: PduCallback): boolean;
      enquire_link(options?: PduOptions | PduCallback, responseCallback?: PduCallback): boolean;
      unbind(options?: PduOptions | PduCallback, responseCallback?: PduCallback): boolean;
    }

    /** A `net.Server` whose connections arrive as `session` events. */
    interface Server extends NetServer {
      sessions: Session[];
      on(event: 'session', listener: (session: Session) => void): this;
      on(event: string, listener: (...args: any[]) => void): this;
    }

    interface ConnectOptions {
      host?: string;
      port?: number;
      /** `smpp://host:port` or `ssmpp://host:port` (TLS). */
      url?: string;
      tls?: boolean;
      /** Sends enquire_link every so many milliseconds but never checks the answer. */
      auto_enquire_link_period?: number;
      [option: string]: unknown;
    }

    /** Opens a connection at once (no separate connect call) and returns its session. */
    function connect(options: ConnectOptions, listener?: () => void): Session;
    function createServer(listener?: (session: Session) => void): Server;
    function createServer(options: Record<string, unknown>, listener?: (session: Session) => void): Server;

    const ESME_ROK: number;
    const ESME_RINVDSTADR: number;
    const ESME_RBINDFAIL: number;
    const ESME_RINVPASWD: number;
    const ESME_RINVSYSID: number;
    const ESME_RMSGQFUL: number;
    const ESME_RTHROTTLED: number;
    const ESME_RX_T_APPN: number;
    const ESME_RSYSERR: number;
    const errors: Record<string, number>;
    const TON: Record<'UNKNOWN' | 'INTERNATIONAL' | 'NATIONAL' | 'NETWORK_SPECIFIC' | 'SUBSCRIBER_NUMBER' | 'ALPHANUMERIC' | 'ABBREVIATED', number>;
    const NPI: Record<'UNKNOWN' | 'ISDN' | string, number>;
    const ENCODING: Record<'SMSC_DEFAULT' | 'ASCII' | 'LATIN1' | 'UCS2' | string, number>;
    const ESM_CLASS: Record<'MC_DELIVERY_RECEIPT' | 'UDH_INDICATOR' | string, number>;
  }

  export = smpp;
}
