import { Migration } from '@mikro-orm/migrations';
import { publicAggregateTriggersSql } from '../../../common/public-aggregates.ts';

/**
 * The AED counts per municipality (aedCount, dispatchableAedCount, the 24/7
 * counts) are read from `aeds.aed` alone: a committed change to it tells the
 * gateway, which keeps those counts briefly, to drop them (common/public-aggregates.ts).
 */
export class Migration0004PublicAggregates extends Migration {
  override async up(): Promise<void> {
    for (const sql of publicAggregateTriggersSql('aeds', 'aeds', ['aed'])) this.addSql(sql);
  }
}
