import { Migration } from '@mikro-orm/migrations';

export class Migration0001Municipality extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table organization.municipality (
        id uuid primary key,
        name text not null,
        code text not null unique,
        country_code text not null,
        time_zone text not null,
        population integer check (population >= 0),
        created_at timestamptz not null default now()
      )`);
  }
}
