import { Migration } from '@mikro-orm/migrations';
import { publicAggregateTriggersSql } from '../../../common/public-aggregates.ts';

/**
 * The volunteer counts per municipality (volunteerCount, formerVolunteerCount,
 * alertableVolunteerCount) are read from the volunteers, their certificates
 * and the regions' grace periods: a committed change to any of them tells the
 * gateway, which keeps those counts briefly, to drop them
 * (common/public-aggregates.ts). Positions are not among them: location
 * updates never touch the counts.
 */
export class Migration0006PublicAggregates extends Migration {
  override async up(): Promise<void> {
    for (const sql of publicAggregateTriggersSql('volunteers', 'volunteers', ['volunteer', 'training_certificate', 'region_policy'])) this.addSql(sql);
  }
}
