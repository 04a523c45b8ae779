import { Migration } from '@mikro-orm/migrations';

/**
 * The language a volunteer chose for their alerts and SMS. Null: the default
 * of their municipality's country (common/language.ts), so a volunteer who
 * never chose follows the country's language.
 */
export class Migration0004VolunteerLanguage extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table volunteers.volunteer add column language text
        constraint volunteer_language check (language in ('nl', 'sv', 'da', 'nb', 'de', 'fr', 'en'))`);
  }
}
