import { Migration } from '@mikro-orm/migrations';

/** Implementation plan tasks. */
export class Migration0005PlanTask extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type organization.plan_task_status as enum ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')`);
    this.addSql(`
      create table organization.plan_task (
        id uuid primary key,
        working_group_id uuid not null references organization.working_group (id),
        title text not null check (title <> ''),
        description text,
        responsible_member_id uuid not null references organization.working_group_member (id),
        organisation text not null check (organisation <> ''),
        due_date date not null,
        status organization.plan_task_status not null default 'OPEN',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql('create index plan_task_working_group_due_idx on organization.plan_task (working_group_id, due_date)');
  }
}
