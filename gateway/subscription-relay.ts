/**
 * A relayed subscription's events passed on as the subgraph wrote them.
 *
 * An operation one subgraph serves alone (gateway/subscription-passthrough.ts)
 * needs nothing from the gateway once checked, yet each of its events was
 * parsed by the upstream graphql-ws client, queued through two async
 * iterators and serialised again by the gateway's graphql-ws server: for a
 * dispatch's thirty ALERTED frames, a few milliseconds of the one thread
 * every hop shares, between the subgraph's write and the first app's frame.
 * Here an upstream `next` message of a relayed operation is taken off the
 * socket before graphql-ws reads it, and its payload's text goes to the
 * caller's socket behind the caller's own operation id. Everything else on
 * the connection (acknowledgements, pings, errors, completions, and the
 * events of operations that are not relayed) takes graphql-ws's path as before.
 * A relayed event is sent synchronously as it arrives, so it always leaves
 * before the error or completion that follows it upstream.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

/** An upstream `next` message as graphql-ws writes it (`{ id, type, payload }`, in that order). */
const NEXT_PREFIX = /^\{"id":"([^"\\]{1,128})","type":"next","payload":/;

/** Receives the text of one event's payload (a JSON object). */
export type PayloadRelay = (payload: string) => void;

export interface SubscriptionRelays {
  /** The WebSocket class for upstream graphql-ws clients: it hands relayed events over before graphql-ws parses them. */
  webSocketImpl: typeof WebSocket;
  /** graphql-ws client's `generateID`: records the relay of an operation subscribed within {@link relayed}. */
  generateID(): string;
  /**
   * Runs `subscribe`, which must subscribe upstream synchronously with a client
   * using {@link webSocketImpl} and {@link generateID}; that operation's events
   * go to `relay` from then on. `stop` ends the relay (call it when the operation ends).
   */
  relayed<T>(relay: PayloadRelay, subscribe: () => T): { subscription: T; stop(): void };
}

export function subscriptionRelays(): SubscriptionRelays {
  const relays = new Map<string, PayloadRelay>();
  let claiming: PayloadRelay | undefined;
  let claimed: string | undefined;

  const relayedHere = (data: unknown): boolean => {
    if (typeof data !== 'string') return false;
    const match = NEXT_PREFIX.exec(data);
    const relay = match && relays.get(match[1]!);
    if (!relay || !data.endsWith('}')) return false;
    relay(data.slice(match[0].length, -1));
    return true;
  };

  // ws defines `onmessage` as an accessor of its prototype; graphql-ws's client sets it on each socket it opens.
  class RelayingWebSocket extends WebSocket {}
  const onmessage = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
  if (!onmessage?.get || !onmessage.set) throw new Error('ws no longer defines onmessage as an accessor: the subscription relay needs updating');
  Object.defineProperty(RelayingWebSocket.prototype, 'onmessage', {
    configurable: true,
    enumerable: true,
    get() {
      return onmessage.get!.call(this);
    },
    set(handler: ((event: WebSocket.MessageEvent) => void) | null) {
      onmessage.set!.call(
        this,
        handler &&
          function (this: WebSocket, event: WebSocket.MessageEvent) {
            if (!relayedHere(event.data)) handler.call(this, event);
          },
      );
    },
  });

  return {
    webSocketImpl: RelayingWebSocket,
    generateID() {
      const id = randomUUID();
      if (claiming) {
        relays.set(id, claiming);
        claimed = id;
        claiming = undefined;
      }
      return id;
    },
    relayed(relay, subscribe) {
      claiming = relay;
      claimed = undefined;
      let subscription: ReturnType<typeof subscribe>;
      try {
        subscription = subscribe();
      } finally {
        claiming = undefined;
      }
      const id = claimed;
      if (id === undefined) throw new Error('the upstream subscription did not draw its id at once: nothing to relay');
      return { subscription, stop: () => relays.delete(id) };
    },
  };
}

/** Sends relayed payloads to a caller's socket as `next` messages of its operation `id`. */
export function relayTo(socket: WebSocket, id: string, open: () => boolean): PayloadRelay {
  const prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  return (payload) => {
    if (open() && socket.readyState === WebSocket.OPEN) socket.send(`${prefix}${payload}}`);
  };
}
