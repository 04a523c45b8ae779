import { Migration } from '@mikro-orm/migrations';

/**
 * The language an alert was written in (the volunteer's, resolved at
 * dispatch), so that the texts that follow it (stand-down, the answer to an
 * SMS reply) speak the same language. Alerts sent before it was stored keep
 * null and are answered in English.
 */
export class Migration0006AlertLanguage extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table incidents.alert add column language text');
  }
}
