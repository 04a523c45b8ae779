/**
 * Fan-out between processes with PostgreSQL LISTEN/NOTIFY.
 *
 * Whatever must survive is written to a table first; the NOTIFY is sent in the
 * same transaction, so PostgreSQL delivers it only after the commit and every
 * instance of every subgraph hears it. A listener that missed notifications
 * (a restart, a dropped connection) catches up from the table, never from the
 * notification, which is only a wake-up call.
 */
import pg from 'pg';
import type { Logger } from './logger.ts';

type Handler = (payload: string) => void;

/** One dedicated connection that LISTENs on behalf of a whole process. */
export class Notifications {
  private client: pg.Client | undefined;
  private readonly handlers = new Map<string, Set<Handler>>();
  private connecting: Promise<void> | undefined;
  private closed = false;
  /** Called after a reconnect, so subscribers can catch up on what they may have missed. */
  private readonly reconnectHandlers = new Set<() => void>();

  constructor(
    private readonly url: string,
    private readonly logger?: Logger,
  ) {}

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) {
        try {
          handler(message.payload ?? '');
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
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`listen "${channel}"`);
    this.client = client;
  }

  private async reconnectSoon(): Promise<void> {
    for (let attempt = 0; !this.closed; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 5000)));
      if (this.closed) return;
      try {
        await this.ensureConnected();
        for (const handler of this.reconnectHandlers) handler();
        return;
      } catch (error) {
        this.logger?.warn({ err: error, attempt }, 'notification reconnect failed');
        this.connecting = undefined;
      }
    }
  }

  private ensureConnected(): Promise<void> {
    this.connecting ??= this.connect();
    return this.connecting;
  }

  /** Calls `handler` with each payload sent on `channel` until the returned function is called. */
  async listen(channel: string, handler: Handler): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('notifications are closed');
    let set = this.handlers.get(channel);
    const first = !set;
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    set.add(handler);
    await this.ensureConnected();
    if (first && this.client) await this.client.query(`listen "${channel}"`);
    return async () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(channel) === set) {
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
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
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
