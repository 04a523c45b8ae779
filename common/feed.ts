/**
 * A durable, ordered feed for subscriptions: rows committed to a table are
 * delivered in order of a monotonically increasing cursor, exactly once per
 * subscription, including those committed while the subscriber was away.
 *
 * NOTIFY only says "look again"; the rows are always read from the table, so
 * a lost notification, a restarted subgraph or a reconnecting client loses
 * nothing: it resumes after the last cursor it saw.
 */
import DataLoader from 'dataloader';
import { eventStream, type Notifications } from './notifications.ts';
import { markPhase } from './phases.ts';

export interface FeedOptions<T> {
  notifications: Notifications;
  /** LISTEN channel whose payloads name the key that has news. */
  channel: string;
  /**
   * Only notifications with this payload wake this feed (e.g. the volunteer
   * id), or with any of these (e.g. the municipalities a coordinator covers).
   */
  key: string | readonly string[];
  /** Resume after this cursor (exclusive); undefined = only what is committed from now on. */
  after: bigint | undefined;
  /** Current high-water mark, used when `after` is undefined. */
  latest(): Promise<bigint>;
  /** Rows after `cursor`, in cursor order, at most `limit`. */
  fetchAfter(cursor: bigint, limit: number): Promise<T[]>;
  cursorOf(row: T): bigint;
  /**
   * Told the rows handed straight to this feed by {@link offerCommitted} as
   * they are pushed (rows read by `fetchAfter` are its own to see).
   */
  delivered?(rows: T[]): void;
}

/** A feed of this process that takes committed rows straight from their writer. */
type Taker = (row: unknown, previous: bigint) => void;

/** The feeds of this process by channel and key, for {@link offerCommitted}. */
const takers = new Map<string, Set<Taker>>();
const takerKey = (channel: string, key: string) => `${channel}\u0000${key}`;

/**
 * Hands a row its writer has just committed to the feeds of this process
 * listening on `channel` for `key` alone, so that they need not wait for the NOTIFY
 * and read it back: a dispatch's 30 alert frames leave as the commit returns.
 * `previous` is the cursor of the key's last row before this one (0 when it
 * has none). A feed takes the row only when nothing of its key can lie
 * between its cursor and the row (previous ≤ cursor < the row's); otherwise,
 * as in every other process, its NOTIFY-driven read delivers it. The offer
 * waits its turn behind the feed's reads, so a row is pushed once and in
 * order either way. Call only after the commit.
 */
export function offerCommitted(channel: string, key: string, row: unknown, previous: bigint): void {
  for (const take of takers.get(takerKey(channel, key)) ?? []) take(row, previous);
}

/**
 * Offers announced by writers of this process whose write has not returned
 * yet, by channel and key, with the turns of feeds waiting for them.
 */
const expected = new Map<string, { writes: number; waiting: (() => void)[] }>();

/**
 * Longest a feed's NOTIFY waits for an announced offer (see {@link expectOffers}).
 * A write's NOTIFY and its result race each other to this process; the wait
 * only decides whether the feed takes the offer or reads, never what it pushes.
 */
export const EXPECTED_OFFER_WAIT_MS = 250;

/**
 * Announces that this process is writing rows for `keys` on `channel` and
 * will offer them ({@link offerCommitted}) once committed; call the returned
 * function once they are offered, or once the write failed. PostgreSQL sends
 * the commit's NOTIFYs to the listening connection as it answers the writer,
 * and whichever this process reads first wins: heard first, the NOTIFY would
 * read the rows back from the table (a dispatch's 30 feeds, one statement and
 * a round trip) although they are about to be offered. A feed that hears a
 * NOTIFY for an announced key handles it once the write has returned (at most
 * {@link EXPECTED_OFFER_WAIT_MS}), after the offers it made: if the feed took
 * them, the NOTIFY is their own and nothing is read; otherwise it reads as always.
 */
export function expectOffers(channel: string, keys: Iterable<string>): () => void {
  const announced = [...new Set(keys)].map((key) => takerKey(channel, key));
  for (const key of announced) {
    const entry = expected.get(key) ?? { writes: 0, waiting: [] };
    entry.writes++;
    expected.set(key, entry);
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    for (const key of announced) {
      const entry = expected.get(key);
      if (!entry || --entry.writes > 0) continue;
      expected.delete(key);
      for (const resume of entry.waiting) resume();
    }
  };
}

/** Runs `turn` once no write announced for `key` is pending, or after {@link EXPECTED_OFFER_WAIT_MS}. */
function afterExpectedOffers(key: string | undefined, turn: () => void): void {
  const entry = key === undefined ? undefined : expected.get(key);
  if (!entry) {
    turn();
    return;
  }
  let resumed = false;
  const resume = () => {
    if (resumed) return;
    resumed = true;
    clearTimeout(timer);
    turn();
  };
  const timer = setTimeout(resume, EXPECTED_OFFER_WAIT_MS);
  entry.waiting.push(resume);
}

const PAGE = 200;

let openFeeds = 0;

/** How many feeds this process is serving now: what an idle subscriber that left must not leave behind. */
export function openFeedCount(): number {
  return openFeeds;
}

export function durableFeed<T>(options: FeedOptions<T>): AsyncIterable<T> {
  return eventStream<T>(async (push, fail) => {
    let cursor: bigint | undefined = options.after;
    // Reads, wakes and offers run one after another on this chain, so rows are pushed once and in order.
    let running: Promise<void> = Promise.resolve();
    let closed = false;
    /** NOTIFYs heard and not yet handled; one turn on the chain handles all heard by then. */
    let heard = 0;
    let turnQueued = false;
    /**
     * Offers taken whose own NOTIFY is not handled yet. PostgreSQL delivers
     * NOTIFYs in commit order, and an offer is taken only when every earlier
     * row of its key is already pushed, so the first NOTIFY handled after a
     * taken offer finds nothing new: it is not read for (a dispatch's 30 feeds
     * would otherwise read again together, with nothing to find, as the frames
     * leave). A NOTIFY handled before its offer reads, and the offer is then
     * refused, so the count only grows for offers that come first.
     */
    let takenUnheard = 0;
    const keys = [...new Set(typeof options.key === 'string' ? [options.key] : options.key)];
    // Only a feed of one key takes offers: `previous` speaks of its key alone, and a feed of
    // several could have another key's row, committed but not yet read, below the offered one.
    const offered = keys.length === 1 ? takerKey(options.channel, keys[0]!) : undefined;

    // Everything after the cursor.
    const readAll = async () => {
      try {
        cursor ??= await options.latest();
        for (;;) {
          const rows = await options.fetchAfter(cursor, PAGE);
          for (const row of rows) {
            if (closed) return;
            cursor = options.cursorOf(row);
            push(row);
          }
          if (rows.length < PAGE) break;
        }
      } catch (error) {
        fail(error);
      }
    };

    const wake = () => {
      heard++;
      if (turnQueued) return;
      turnQueued = true;
      // A write of this process about to offer this key's rows: its offers go on the chain first.
      afterExpectedOffers(offered, () => {
        running = running.then(async () => {
          turnQueued = false;
          const own = Math.min(heard, takenUnheard);
          const others = heard - own;
          heard = 0;
          takenUnheard -= own;
          if (others > 0 && !closed) await readAll();
        });
      });
    };

    // A new LISTEN connection: NOTIFYs may have been lost while it was down, those of taken offers too.
    const reconnected = () => {
      running = running.then(async () => {
        takenUnheard = 0;
        if (!closed) await readAll();
      });
    };

    // A row offered by its writer in this process (offerCommitted), after the reads already asked for.
    const take: Taker = (committed, previous) => {
      running = running.then(() => {
        const row = committed as T;
        if (closed || cursor === undefined || cursor < previous || cursor >= options.cursorOf(row)) return;
        cursor = options.cursorOf(row);
        push(row);
        takenUnheard++;
        options.delivered?.([row]);
      });
    };

    // Listen before the first read, so nothing committed in between is missed.
    const unlisten = await options.notifications.listen(options.channel, keys, wake);
    const offReconnect = options.notifications.onReconnect(reconnected);
    if (offered) {
      if (!takers.has(offered)) takers.set(offered, new Set());
      takers.get(offered)!.add(take);
    }
    running = running.then(readAll);
    await running;
    openFeeds++;
    return async () => {
      openFeeds--;
      closed = true;
      if (offered) {
        takers.get(offered)?.delete(take);
        if (takers.get(offered)?.size === 0) takers.delete(offered);
      }
      offReconnect();
      await unlisten();
    };
  });
}

/** One feed's read: its rows for `key` after the cursor `after` (exclusive), in order, at most `limit`. */
export interface FeedRead {
  key: string;
  after: bigint;
  limit: number;
}

/**
 * Coalesces the reads of feeds woken together into one query. A dispatch
 * commits 30 alerts and so wakes 30 volunteers' feeds with one burst of
 * NOTIFYs; read one by one they would queue 30 statements for the pool while
 * the 30th volunteer waits. `readMany` answers every read of a burst at
 * once, one row list per read, in the order given. Nothing is cached: each
 * call reads what is committed now.
 */
export function coalescedFeedReads<T>(readMany: (reads: readonly FeedRead[]) => Promise<T[][]>): (read: FeedRead) => Promise<T[]> {
  const loader = new DataLoader<FeedRead, T[]>(
    async (reads) => {
      markPhase('feeds', 'feed.read-asked', undefined, { reads: reads.length });
      const rows = await readMany(reads);
      markPhase('feeds', 'feed.read', undefined, { reads: reads.length });
      return rows;
    },
    { cache: false, maxBatchSize: 500 },
  );
  return (read) => loader.load(read);
}
