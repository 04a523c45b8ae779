import { Migration } from '@mikro-orm/migrations';

/**
 * The alerts' partner-association index (GIN) takes each alert at once.
 *
 * With GIN's default `fastupdate`, inserts append to a pending list that the
 * insert which finds it past `gin_pending_list_limit` (4 MB) merges into the
 * index itself, inside its own statement: every few thousand reports, one
 * report's write would wait hundreds of milliseconds for it. Written at
 * once, each alert costs no more measurably (the report's statement: 6.2 ms
 * at the median either way, 40 rounds each), and no report pays for the
 * others. What is pending now is merged here.
 */
export class Migration0008AlertAssociationIndexAtOnce extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter index incidents.alert_association_idx set (fastupdate = off)');
    this.addSql(`select gin_clean_pending_list('incidents.alert_association_idx')`);
  }
}
