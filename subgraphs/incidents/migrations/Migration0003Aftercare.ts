import { Migration } from '@mikro-orm/migrations';

/** Aftercare follow-ups of the volunteers who went, and escalations to the aftercare contacts. */
export class Migration0003Aftercare extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type incidents.follow_up_kind as enum ('CHECK_IN', 'QUESTIONNAIRE', 'DEBRIEFING_OFFER')`);
    this.addSql(`
      create table incidents.aftercare_follow_up (
        id uuid primary key,
        sequence bigint generated always as identity unique,
        alert_id uuid not null references incidents.alert (id),
        incident_id uuid not null references incidents.incident (id),
        volunteer_id uuid not null,
        municipality_id uuid not null,
        kind incidents.follow_up_kind not null,
        delivered_at timestamptz not null default now(),
        answered_at timestamptz,
        answer jsonb,
        -- A retried delivery job must not deliver the same follow-up twice.
        constraint aftercare_follow_up_once unique (alert_id, kind),
        constraint aftercare_answer_complete check ((answered_at is null) = (answer is null))
      )`);
    this.addSql('create index aftercare_follow_up_volunteer_sequence_idx on incidents.aftercare_follow_up (volunteer_id, sequence)');
    this.addSql(`create type incidents.escalation_reason as enum ('UNANSWERED', 'DISTRESS', 'DEBRIEFING_REQUESTED')`);
    this.addSql(`
      create table incidents.aftercare_escalation (
        id uuid primary key,
        sequence bigint generated always as identity unique,
        follow_up_id uuid not null references incidents.aftercare_follow_up (id),
        volunteer_id uuid not null,
        municipality_id uuid not null,
        reason incidents.escalation_reason not null,
        created_at timestamptz not null default now(),
        constraint aftercare_escalation_once unique (follow_up_id, reason)
      )`);
    this.addSql('create index aftercare_escalation_municipality_sequence_idx on incidents.aftercare_escalation (municipality_id, sequence)');
  }
}
