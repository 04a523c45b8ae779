import { Migration } from '@mikro-orm/migrations';

/**
 * The language an alert was written in (the volunteer's, resolved at
 * dispatch), so that the texts that follow it (stand-down, the answer to an
 * SMS reply) speak the same language. Alerts sent before it was stored keep
 * null and are answered in English.
 *
 * And whether a reply to the alert that was not understood, or came too
 * late, has been answered: each is answered once per alert, so an
 * auto-responder ("I'm driving") and our answer cannot keep texting each other.
 */
export class Migration0006AlertLanguage extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table incidents.alert
        add column language text,
        add column reply_help_sent boolean not null default false,
        add column late_reply_answered boolean not null default false`);
  }
}
