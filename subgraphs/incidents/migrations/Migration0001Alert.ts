import { Migration } from '@mikro-orm/migrations';

export class Migration0001Alert extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type incidents.alert_kind as enum ('TEST')`);
    this.addSql(`
      create table incidents.alert (
        id uuid primary key,
        sequence bigint generated always as identity unique,
        volunteer_id uuid not null,
        aed_id uuid,
        kind incidents.alert_kind not null,
        message text not null,
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index alert_volunteer_sequence_idx on incidents.alert (volunteer_id, sequence)');
  }
}
