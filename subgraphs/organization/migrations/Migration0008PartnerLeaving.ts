import { Migration } from '@mikro-orm/migrations';

/** A partner association's membership of a municipality can end: kept with the day it ended, for the record. */
export class Migration0008PartnerLeaving extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table organization.partner_municipality
        add column left_on date,
        add constraint partner_municipality_left_after_joining check (left_on >= joined_on)`);
  }
}
