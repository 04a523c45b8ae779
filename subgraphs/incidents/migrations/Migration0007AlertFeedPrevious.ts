import { Migration } from '@mikro-orm/migrations';

/**
 * A volunteer's alert-feed cursor before a frame, as committed now.
 *
 * A new report is written in one statement that takes the feed lock itself
 * (incident.service.ts, REPORT_DISPATCHED), so its snapshot is taken before
 * the lock is held: a frame another writer committed for the same volunteer
 * while the statement waited for the lock is not in it. The frame's
 * `previous` cursor, which decides whether a feed may take the frame from its
 * writer (common/feed.ts `offerCommitted`), must see that frame, or the feed
 * would move past it and never deliver it. A volatile function's query takes
 * a snapshot of its own when it runs, after the lock is taken; the frame
 * itself is left out by its cursor (one frame per volunteer per statement).
 */
export class Migration0007AlertFeedPrevious extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function incidents.alert_feed_previous(volunteer uuid, frame bigint) returns bigint
      language sql volatile as $$
        select coalesce(max(sequence), 0) from incidents.alert_update where volunteer_id = volunteer and sequence < frame
      $$`);
  }
}
