import { Migration } from '@mikro-orm/migrations';

export class Migration0001Volunteer extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table volunteers.volunteer (
        id uuid primary key,
        name text not null,
        municipality_id uuid not null,
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index volunteer_municipality_idx on volunteers.volunteer (municipality_id)');
  }
}
