import { Migration } from '@mikro-orm/migrations';

/** Problem reports and their status history (the chair's durable feed). */
export class Migration0006ProblemReport extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type organization.problem_impact as enum ('AT_RISK', 'DELAYED')`);
    this.addSql(`create type organization.problem_report_status as enum ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')`);
    this.addSql(`
      create table organization.problem_report (
        id uuid primary key,
        working_group_id uuid not null references organization.working_group (id),
        title text not null check (title <> ''),
        description text not null,
        impact organization.problem_impact not null,
        status organization.problem_report_status not null default 'OPEN',
        reported_by_subject text not null,
        reported_by_name text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql('create index problem_report_working_group_idx on organization.problem_report (working_group_id, created_at)');
    this.addSql(`
      create table organization.problem_report_event (
        id uuid primary key,
        sequence bigint generated always as identity unique,
        problem_report_id uuid not null references organization.problem_report (id),
        working_group_id uuid not null references organization.working_group (id),
        status organization.problem_report_status not null,
        note text,
        actor_subject text not null,
        actor_name text,
        at timestamptz not null default now()
      )`);
    this.addSql('create index problem_report_event_feed_idx on organization.problem_report_event (working_group_id, sequence)');
    this.addSql('create index problem_report_event_report_idx on organization.problem_report_event (problem_report_id, sequence)');
  }
}
