/**
 * Fan-out between processes with PostgreSQL LISTEN/NOTIFY.
 *
 * Whatever must survive is written to a table first; the NOTIFY is sent in the
 * same transaction, so PostgreSQL delivers it only after the commit and every
 * instance of every subgraph hears it. A listener that missed notifications
 * (a restart, a dropped connection) catches up from the table, never from the
 * notification, which is only a wake-up call.
 *
 * A payload names the keys that have news (a volunteer, an incident…),
 * separated by commas: a dispatch wakes its thirty volunteers with one
 * notification rather than thirty, and each listener is called only for its
 * own keys, not for every notification on the channel.
 */
import pg from 'pg';
import type { Logger } from './logger.ts';
import { markPhase } from './phases.ts';

type Handler = () => void;

/** Separates the keys in a payload; keys never contain it (ids, codes). */
export const KEY_SEPARATOR = ',';

/** Most keys in one payload: PostgreSQL refuses payloads of 8,000 bytes or more, and a uuid takes 37 with its separator. */
export const KEYS_PER_PAYLOAD = 200;

/** One dedicated connection that LISTENs on behalf of a whole process. */
export class Notifications {
  private client: pg.Client | undefined;
  /** Listeners by channel, then by key. */
  private readonly handlers = new Map<string, Map<string, Set<Handler>>>();
  private connecting: Promise<void> | undefined;
  private closed = false;
  /** The pause before the next reconnect attempt: cleared by close(), so no timer outlives the service. */
  private reconnectTimer: NodeJS.Timeout | undefined;
  private wakeReconnect: (() => void) | undefined;
  /** Called after a reconnect, so subscribers can catch up on what they may have missed. */
  private readonly reconnectHandlers = new Set<() => void>();

  constructor(
    private readonly url: string,
    private readonly logger?: Logger,
  ) {}

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      const byKey = this.handlers.get(message.channel);
      if (!byKey) return;
      // A listener for several of the keys is woken once.
      const woken = new Set<Handler>();
      for (const key of (message.payload ?? '').split(KEY_SEPARATOR)) for (const handler of byKey.get(key) ?? []) woken.add(handler);
      markPhase('notifications', 'notify.received', message.channel, { woken: woken.size });
      for (const handler of woken) {
        try {
          handler();
        } catch (error) {
          this.logger?.error({ err: error, channel: message.channel }, 'notification handler failed');
        }
      }
    });
    client.on('error', (error) => {
      this.logger?.warn({ err: error }, 'notification connection lost; reconnecting');
      this.client = undefined;
      this.connecting = undefined;
      void this.reconnectSoon();
    });
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`listen "${channel}"`);
    } catch (error) {
      await endWithin(client);
      throw error;
    }
    if (this.closed) {
      // Closed while connecting: this connection would otherwise stay open, LISTENing for no one.
      await endWithin(client);
      throw new Error('notifications are closed');
    }
    this.client = client;
  }

  private async reconnectSoon(): Promise<void> {
    for (let attempt = 0; !this.closed; attempt++) {
      await new Promise<void>((resolve) => {
        this.wakeReconnect = resolve;
        this.reconnectTimer = setTimeout(resolve, Math.min(100 * 2 ** attempt, 5000));
      });
      if (this.closed) return;
      try {
        await this.ensureConnected();
        for (const handler of this.reconnectHandlers) handler();
        return;
      } catch (error) {
        if (this.closed) return;
        this.logger?.warn({ err: error, attempt }, 'notification reconnect failed');
        this.connecting = undefined;
      }
    }
  }

  private ensureConnected(): Promise<void> {
    this.connecting ??= this.connect();
    return this.connecting;
  }

  /** Calls `handler` whenever a notification on `channel` names one of `keys`, until the returned function is called. */
  async listen(channel: string, keys: readonly string[], handler: Handler): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('notifications are closed');
    let byKey = this.handlers.get(channel);
    const first = !byKey;
    if (!byKey) {
      byKey = new Map();
      this.handlers.set(channel, byKey);
    }
    const channelHandlers = byKey;
    for (const key of keys) {
      let set = channelHandlers.get(key);
      if (!set) {
        set = new Set();
        channelHandlers.set(key, set);
      }
      set.add(handler);
    }
    await this.ensureConnected();
    if (first && this.client) await this.client.query(`listen "${channel}"`);
    return async () => {
      for (const key of keys) {
        const set = channelHandlers.get(key);
        set?.delete(handler);
        if (set?.size === 0) channelHandlers.delete(key);
      }
      if (channelHandlers.size === 0 && this.handlers.get(channel) === channelHandlers) {
        this.handlers.delete(channel);
        await this.client?.query(`unlisten "${channel}"`).catch(() => {});
      }
    };
  }

  /** Registers a callback run after the connection was re-established. */
  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
    clearTimeout(this.reconnectTimer);
    this.wakeReconnect?.();
    const client = this.client;
    this.client = undefined;
    if (client) await endWithin(client);
  }
}

/** How long ending a connection politely may take before its socket is destroyed. */
const END_WAIT_MS = 1_000;

/** Ends `client`; a connection that does not answer the goodbye (a half-open network) is destroyed. */
async function endWithin(client: pg.Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), END_WAIT_MS);
  });
  const ended = client.end().then(
    () => 'ended' as const,
    () => 'ended' as const,
  );
  if ((await Promise.race([ended, late])) === 'late') (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  clearTimeout(timer);
}

/**
 * Turns a push-style source into an async iterable for a GraphQL subscription.
 * `start` receives a `push` function and returns a cleanup, run when the client
 * unsubscribes or disconnects.
 */
export function eventStream<T>(start: (push: (value: T) => void, fail: (error: unknown) => void) => Promise<() => Promise<void> | void>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const queue: T[] = [];
      let waiting: ((result: IteratorResult<T>) => void) | undefined;
      let failWaiting: ((error: unknown) => void) | undefined;
      let failure: unknown;
      let done = false;
      let cleanup: (() => Promise<void> | void) | undefined;
      const started = start(
        (value) => {
          if (done) return;
          if (waiting) {
            const resolve = waiting;
            waiting = undefined;
            failWaiting = undefined;
            resolve({ value, done: false });
          } else queue.push(value);
        },
        (error) => {
          failure = error;
          failWaiting?.(error);
        },
      ).then((stop) => {
        cleanup = stop;
        if (done) void stop();
      });
      const finish = async (): Promise<IteratorResult<T>> => {
        done = true;
        queue.length = 0;
        waiting?.({ value: undefined, done: true });
        await started.catch(() => {});
        await cleanup?.();
        return { value: undefined, done: true };
      };
      return {
        async next() {
          await started;
          if (failure) throw failure;
          if (queue.length > 0) return { value: queue.shift()!, done: false };
          if (done) return { value: undefined, done: true };
          return new Promise<IteratorResult<T>>((resolve, reject) => {
            waiting = resolve;
            failWaiting = reject;
          });
        },
        return: finish,
        async throw(error) {
          await finish();
          throw error;
        },
      };
    },
  };
}
