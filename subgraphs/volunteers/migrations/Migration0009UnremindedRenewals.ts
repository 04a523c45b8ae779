import { Migration } from '@mikro-orm/migrations';
import { unremindedRenewalsDdl } from '../renewal/unreminded-renewals.ts';

/**
 * The volunteers the renewal sweep has to look at, kept between sweeps
 * (renewal/unreminded-renewals.ts), and taken once of the volunteers already
 * registered.
 */
export class Migration0009UnremindedRenewals extends Migration {
  override async up(): Promise<void> {
    this.addSql(unremindedRenewalsDdl());
  }
}
