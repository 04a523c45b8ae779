import { Migration } from '@mikro-orm/migrations';

/** Notifications to volunteers (renewal reminders), delivered by a durable subscription in `sequence` order. */
export class Migration0003VolunteerNotification extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table volunteers.volunteer_notification (
        sequence bigint generated always as identity primary key,
        id uuid not null unique,
        volunteer_id uuid not null references volunteers.volunteer (id) deferrable initially deferred,
        kind text not null constraint volunteer_notification_kind check (kind in ('CERTIFICATE_RENEWAL_DUE')),
        reference_date date not null,
        message text not null,
        created_at timestamptz not null default now(),
        -- A reminder job that runs twice (two instances, a retry) never notifies twice.
        constraint volunteer_notification_once unique (volunteer_id, kind, reference_date)
      )`);
    this.addSql('create index volunteer_notification_volunteer_idx on volunteers.volunteer_notification (volunteer_id, sequence)');
  }
}
