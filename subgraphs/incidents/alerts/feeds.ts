/**
 * The incidents subgraph's durable feeds (see common/feed.ts): rows are
 * committed to a table whose `sequence` is the cursor, and a NOTIFY in the
 * same transaction wakes the subscribers, who read after their cursor.
 *
 * | feed | table | channel key | who subscribes |
 * |---|---|---|---|
 * | alert updates | alert_update | volunteer id | the volunteer's app (`myAlerts`) |
 * | member alerts | alert_update | partner association id | partner apps (`memberAlerts`) |
 * | incident events | incident_event | incident id | the dispatcher (`incidentUpdates`) |
 * | aftercare | aftercare_follow_up | volunteer id | the volunteer's app (`myAftercare`) |
 * | escalations | aftercare_escalation | municipality id | aftercare contacts (`aftercareEscalations`) |
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../../common/errors.ts';
import { expectOffers, offerCommitted } from '../../../common/feed.ts';
import { KEY_SEPARATOR, KEYS_PER_PAYLOAD } from '../../../common/notifications.ts';
import { sql, statement } from '../../../common/sql.ts';
import type { CommittedFrame } from './alert-writes.ts';

/** LISTEN channels, one per feed. */
export const FeedChannel = {
  ALERTS: 'incidents_alerts',
  MEMBER_ALERTS: 'incidents_member_alerts',
  INCIDENT_EVENTS: 'incidents_incident_events',
  AFTERCARE: 'incidents_aftercare',
  ESCALATIONS: 'incidents_aftercare_escalations',
} as const;

export type FeedChannel = (typeof FeedChannel)[keyof typeof FeedChannel];

/** Tables whose `sequence` is a feed cursor. */
export type FeedTable = 'alert_update' | 'incident_event' | 'aftercare_follow_up' | 'aftercare_escalation';

/** The SQL expression that takes the feed lock ({@link lockFeeds}), for a statement that takes it with its own write. */
export const FEED_LOCK = "pg_advisory_xact_lock(hashtext('incidents.feeds'))";

const LOCK_FEEDS = statement('incidents.lock-feeds', `select ${FEED_LOCK}`);

/**
 * Serialises every writer of every feed table until commit. Without it a
 * transaction could take sequence 5, commit after another took and committed
 * 6, and a subscriber that already moved its cursor to 6 would never see 5.
 *
 * One lock covers all feed tables because one transaction often writes
 * several (an alert and the incident's timeline). To avoid deadlocks, take it
 * after any row lock on an incident and before the first feed row.
 */
export async function lockFeeds(tx: EntityManager): Promise<void> {
  await sql(tx, LOCK_FEEDS);
}

/** Wakes the subscribers of `channel` listening for `keys`; delivered by PostgreSQL only if the transaction commits. */
export async function notify(tx: EntityManager, channel: FeedChannel, keys: Iterable<string>): Promise<void> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return;
  await sql(tx, notifyWoken('select ?::text as channel, key from jsonb_array_elements_text(?::jsonb) as key'), [channel, JSON.stringify(unique)]);
}

/**
 * SQL that wakes the subscribers named by the rows `(channel, key)` of the
 * query `woken`, with as few notifications as payloads allow; it returns how
 * many it sent. For statements that write feed rows and notify at once.
 */
export function notifyWoken(woken: string): string {
  return `select count(pg_notify(channel, keys)) from (
            select channel, string_agg(key, '${KEY_SEPARATOR}') as keys
            from (select channel, key, (row_number() over (partition by channel order by key) - 1) / ${KEYS_PER_PAYLOAD} as part from (${woken}) as w) as numbered
            group by channel, part) as payloads`;
}

/** Reads a cursor passed back by a client; undefined means "only what comes from now on". */
export function parseCursor(after: string | null | undefined): bigint | undefined {
  if (after === null || after === undefined) return undefined;
  if (!/^\d{1,19}$/.test(after)) throw badInput('after must be a cursor received with an earlier event.');
  return BigInt(after);
}

/** The highest committed cursor of `table`: where a subscription without `after` starts. */
export async function latestCursor(em: EntityManager, table: FeedTable): Promise<bigint> {
  const [row] = await sql<{ latest: string | null }>(em.fork(), `select max(sequence) as latest from incidents.${table}`);
  return BigInt(row?.latest ?? 0);
}

/**
 * Hands committed alert frames to the volunteers' feeds served by this
 * process (common/feed.ts `offerCommitted`): their apps get them as the
 * commit returns, without waiting for the NOTIFY and the read. Call only
 * after the commit.
 */
export function offerAlertFrames(frames: readonly CommittedFrame[]): void {
  for (const { frame, previous } of frames) offerCommitted(FeedChannel.ALERTS, frame.alert.volunteerId, frame, previous);
}

/**
 * Announces the alert frames a write of this process is about to commit for
 * these volunteers (common/feed.ts `expectOffers`); call the returned
 * function once {@link offerAlertFrames} has offered them, or the write failed.
 */
export function expectAlertFrames(volunteerIds: Iterable<string>): () => void {
  return expectOffers(FeedChannel.ALERTS, volunteerIds);
}
