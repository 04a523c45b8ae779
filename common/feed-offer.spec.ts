/**
 * durableFeed taking rows straight from their writer (offerCommitted), on a
 * real LISTEN connection: a row is taken only when nothing of its key can lie
 * between the feed's cursor and it; otherwise the NOTIFY-driven read delivers
 * it, in order, and nothing is pushed twice.
 */
import { describe, expect, it } from 'vitest';
import { durableFeed, EXPECTED_OFFER_WAIT_MS, expectOffers, offerCommitted } from './feed.ts';
import { listeningOnTestServer } from './notifications-fixture.ts';

interface Row {
  key: string;
  sequence: bigint;
}

const listening = listeningOnTestServer();
const { channel } = listening;

/** The NOTIFY a writer of `key`'s rows sends as it commits. */
const notify = (key: string) => listening.sender.query('select pg_notify($1, $2)', [channel, key]);

/** A table of rows in memory, read as the feed reads its table, and a subscriber to one key that counts its reads. */
async function subscribe(table: Row[], key: string | string[], after: bigint) {
  const received: bigint[] = [];
  const delivered: bigint[] = [];
  let reads = 0;
  const feed = durableFeed<Row>({
    notifications: listening.notifications,
    channel,
    key,
    after,
    latest: async () => 0n,
    fetchAfter: async (cursor, limit) => {
      reads++;
      return table.filter((row) => (typeof key === 'string' ? row.key === key : key.includes(row.key)) && row.sequence > cursor).slice(0, limit);
    },
    cursorOf: (row) => row.sequence,
    delivered: (rows) => delivered.push(...rows.map((row) => row.sequence)),
  });
  const iterator = feed[Symbol.asyncIterator]();
  let stopped = false;
  const consuming = (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done || stopped) return;
      received.push(next.value.sequence);
    }
  })();
  // The first read (the subscription's start) has happened once `reads` is 1.
  await until(() => reads === 1);
  return {
    received,
    delivered,
    reads: () => reads,
    stop: async () => {
      stopped = true;
      await iterator.return?.();
      await consuming.catch(() => undefined);
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 2000) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a feed offered committed rows', () => {
  it('pushes a row whose predecessor it has seen, without reading', async () => {
    const table: Row[] = [{ key: 'anna', sequence: 5n }];
    const anna = await subscribe(table, 'anna', 5n);
    const row = { key: 'anna', sequence: 9n };
    table.push(row);
    offerCommitted(channel, 'anna', row, 5n);
    await until(() => anna.received.length === 1);
    expect(anna.received).toEqual([9n]);
    expect(anna.delivered).toEqual([9n]);
    expect(anna.reads()).toBe(1);
    // The row's own NOTIFY, which follows its commit, finds nothing new: it is not read for.
    await notify('anna');
    await pause(50);
    expect(anna.reads()).toBe(1);
    // The next NOTIFY is another commit's: read for, and its row pushed.
    table.push({ key: 'anna', sequence: 11n });
    await notify('anna');
    await until(() => anna.received.length === 2);
    expect(anna.received).toEqual([9n, 11n]);
    expect(anna.reads()).toBe(2);
    await anna.stop();
  });

  it('reads for a NOTIFY heard before its offer, and refuses the offer', async () => {
    const table: Row[] = [];
    const gijs = await subscribe(table, 'gijs', 0n);
    const row = { key: 'gijs', sequence: 6n };
    table.push(row);
    await notify('gijs');
    await until(() => gijs.received.length === 1);
    offerCommitted(channel, 'gijs', row, 0n);
    await pause(30);
    // The offer came second: the next NOTIFY is read for.
    table.push({ key: 'gijs', sequence: 8n });
    await notify('gijs');
    await until(() => gijs.received.length === 2);
    expect(gijs.received).toEqual([6n, 8n]);
    expect(gijs.delivered).toEqual([]);
    await gijs.stop();
  });

  it('reads for every NOTIFY after the LISTEN connection was lost, whose own NOTIFYs may be lost with it', async () => {
    const table: Row[] = [{ key: 'hanna', sequence: 2n }];
    const hanna = await subscribe(table, 'hanna', 2n);
    const row = { key: 'hanna', sequence: 5n };
    table.push(row);
    offerCommitted(channel, 'hanna', row, 2n);
    await until(() => hanna.received.length === 1);
    // The connection drops before the row's NOTIFY arrives; the reconnect reads.
    await listening.sender.query('select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid() and query = $1', [`listen "${channel}"`]);
    await until(() => hanna.reads() >= 2);
    table.push({ key: 'hanna', sequence: 7n });
    await notify('hanna');
    await until(() => hanna.received.length === 2);
    expect(hanna.received).toEqual([5n, 7n]);
    await hanna.stop();
  });

  it('leaves a row to the read when the feed has not seen its predecessor, so rows stay in order', async () => {
    const table: Row[] = [];
    const bram = await subscribe(table, 'bram', 0n);
    // Row 3 is committed but its NOTIFY has not arrived; then row 7 is offered by its writer.
    table.push({ key: 'bram', sequence: 3n }, { key: 'bram', sequence: 7n });
    offerCommitted(channel, 'bram', table[1]!, 3n);
    await pause(30);
    expect(bram.received).toEqual([]);
    await notify('bram');
    await until(() => bram.received.length === 2);
    expect(bram.received).toEqual([3n, 7n]);
    expect(bram.delivered).toEqual([]);
    await bram.stop();
  });

  it('takes no offers when it follows several keys, whose rows could lie in between', async () => {
    const table: Row[] = [];
    const both = await subscribe(table, ['erik', 'fleur'], 10n);
    // Fleur's row 12 is committed, its NOTIFY not yet arrived; Erik's row 15 is offered.
    table.push({ key: 'fleur', sequence: 12n }, { key: 'erik', sequence: 15n });
    offerCommitted(channel, 'erik', table[1]!, 5n);
    await pause(30);
    expect(both.received).toEqual([]);
    await notify('fleur');
    await until(() => both.received.length === 2);
    expect(both.received).toEqual([12n, 15n]);
    await both.stop();
  });

  it('ignores a row it already read, and rows of other keys and of feeds that ended', async () => {
    const table: Row[] = [{ key: 'chantal', sequence: 4n }];
    const chantal = await subscribe(table, 'chantal', 0n);
    await until(() => chantal.received.length === 1);
    offerCommitted(channel, 'chantal', table[0]!, 0n);
    offerCommitted(channel, 'dirk', { key: 'dirk', sequence: 8n }, 4n);
    await pause(30);
    expect(chantal.received).toEqual([4n]);
    await chantal.stop();
    offerCommitted(channel, 'chantal', { key: 'chantal', sequence: 12n }, 4n);
    await pause(30);
    expect(chantal.received).toEqual([4n]);
  });

  it('waits for an offer its writer announced: the NOTIFY that arrives before it is not read for', async () => {
    const table: Row[] = [{ key: 'ingrid', sequence: 5n }];
    const ingrid = await subscribe(table, 'ingrid', 5n);
    const written = expectOffers(channel, ['ingrid', 'joost']);
    const row = { key: 'ingrid', sequence: 9n };
    table.push(row);
    // The commit's NOTIFY wins the race with the writer's result.
    await notify('ingrid');
    await pause(50);
    expect(ingrid.reads()).toBe(1);
    offerCommitted(channel, 'ingrid', row, 5n);
    written();
    await until(() => ingrid.received.length === 1);
    await pause(50);
    expect(ingrid.received).toEqual([9n]);
    expect(ingrid.delivered).toEqual([9n]);
    expect(ingrid.reads()).toBe(1);
    await ingrid.stop();
  });

  it('reads for that NOTIFY once the announced write has ended without an offer', async () => {
    const table: Row[] = [];
    const kees = await subscribe(table, 'kees', 0n);
    const written = expectOffers(channel, ['kees']);
    table.push({ key: 'kees', sequence: 3n });
    await notify('kees');
    await pause(50);
    expect(kees.received).toEqual([]);
    written();
    await until(() => kees.received.length === 1);
    expect(kees.received).toEqual([3n]);
    expect(kees.reads()).toBe(2);
    await kees.stop();
  });

  it('waits for an announced offer a bounded time only, then reads', async () => {
    const table: Row[] = [];
    const lotte = await subscribe(table, 'lotte', 0n);
    const written = expectOffers(channel, ['lotte']);
    table.push({ key: 'lotte', sequence: 4n });
    const heard = Date.now();
    await notify('lotte');
    await until(() => lotte.received.length === 1);
    expect(Date.now() - heard).toBeGreaterThanOrEqual(EXPECTED_OFFER_WAIT_MS - 10);
    expect(lotte.received).toEqual([4n]);
    written();
    await lotte.stop();
  });
});
