/**
 * The volunteers the renewal sweep has to look at, kept between sweeps so
 * that an hourly sweep with nothing to send proves it from an index instead
 * of taking every volunteer's latest expiry again (0.8–1.1 s of SQL on a
 * national register, 1.5–2.2 s in a start-up, every hour).
 *
 * `volunteers.renewal_unreminded` holds, for each ACTIVE volunteer with a
 * certificate, their latest expiry (the same `max` as the sweep takes) as
 * long as they have had no reminder of it. Two things keep it:
 *
 * - **Triggers only append.** A write that can change who is in it (a
 *   certificate inserted, updated or deleted; a volunteer's status; a
 *   notification deleted or truncated) appends the volunteer's id to
 *   `volunteers.renewal_recheck`, in the writing transaction. Appending
 *   updates no shared row: writers never wait for each other, whatever
 *   order they touch volunteers in, and an id is there exactly when its
 *   write is committed.
 * - **The sweep folds them in before it reads** ({@link recheckRenewals}):
 *   it takes the ids appended so far and computes those volunteers' rows
 *   again, in one statement whose snapshot sees every write whose id it
 *   took (an id appended later stays for the next sweep); and when it sends
 *   a reminder it deletes that volunteer's row with the notification, in
 *   the same transaction.
 *
 * So every volunteer due and not reminded of their latest expiry has their
 * row, with that expiry, when the sweep reads (a row of someone reminded
 * since, or no longer due, is only read for nothing: the sweep's own
 * conditions and the rule still decide).
 */
import { statementTriggers } from '../../../common/statement-triggers.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../../common/sql.ts';

/** A certificate's last valid day as the rule reckons it (`certificateValidUntil`): its stated end, or the course date plus a year. */
export const CERTIFICATE_EXPIRY_SQL = `coalesce(c.valid_until, (c.course_date + interval '1 year')::date)`;

/** The rows of `rechecked` (a relation of volunteer ids) as they should be: ACTIVE, with a certificate, not reminded of its latest expiry. */
function unremindedOf(rechecked: string): string {
  return `
    select l.volunteer_id, l.valid_until
    from (
      select c.volunteer_id, max(${CERTIFICATE_EXPIRY_SQL}) as valid_until
      from volunteers.training_certificate c
      where c.volunteer_id in (select volunteer_id from ${rechecked})
      group by c.volunteer_id) l
    join volunteers.volunteer v on v.id = l.volunteer_id and v.status = 'ACTIVE'
    where not exists (
      select 1 from volunteers.volunteer_notification n
      where n.volunteer_id = l.volunteer_id and n.kind = 'CERTIFICATE_RENEWAL_DUE' and n.reference_date = l.valid_until)`;
}

/** The table's rows as every volunteer registered should have them. */
export const UNREMINDED_RENEWALS = unremindedOf('(select id as volunteer_id from volunteers.volunteer) registered');

/**
 * Those rows written, as the triggers and the sweep would have left them: the
 * migration's first fill, and a bulk load's (the data set generator loads
 * with the triggers off).
 */
export const UNREMINDED_RENEWALS_FILL = `insert into volunteers.renewal_unreminded (volunteer_id, valid_until)
${UNREMINDED_RENEWALS}`;

/**
 * The tables, the triggers that append to the queue, and the rows of the
 * volunteers already registered (their writers locked out meanwhile, so none
 * is missed).
 */
export function unremindedRenewalsDdl(): string {
  return `
lock table volunteers.volunteer, volunteers.training_certificate, volunteers.volunteer_notification in share row exclusive mode;

create table volunteers.renewal_unreminded (
  volunteer_id uuid primary key,
  -- Their latest certificate's last valid day, not yet reminded of.
  valid_until date not null
);
-- The sweep's range: reminders due from two months before the expiry (RENEWAL_REMINDER_MONTHS_BEFORE_EXPIRY).
create index renewal_unreminded_due_idx on volunteers.renewal_unreminded (((valid_until - interval '2 months')::date));

-- Volunteers whose rows may have changed since the sweep last looked: appended by the triggers, taken by the sweep.
create table volunteers.renewal_recheck (volunteer_id uuid not null);

create function volunteers.recheck_renewal() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'TRUNCATE' then
    if tg_table_name = 'volunteer_notification' then
      insert into volunteers.renewal_recheck select distinct volunteer_id from volunteers.training_certificate;
    else
      insert into volunteers.renewal_recheck select volunteer_id from volunteers.renewal_unreminded;
    end if;
  elsif tg_table_name = 'volunteer' then
    insert into volunteers.renewal_recheck values (new.id);
  else
    if tg_op in ('INSERT', 'UPDATE') then
      insert into volunteers.renewal_recheck select volunteer_id from new_rows;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
      insert into volunteers.renewal_recheck select volunteer_id from old_rows;
    end if;
  end if;
  return null;
end
$fn$;

${statementTriggers('renewal_recheck', 'volunteers.training_certificate', 'volunteers.recheck_renewal')}
-- Notifications are inserted only by the sweep, which deletes the row it reminded of itself.
${statementTriggers('renewal_recheck', 'volunteers.volunteer_notification', 'volunteers.recheck_renewal', ['update', 'delete', 'truncate'])}
create trigger renewal_recheck_status after update of status on volunteers.volunteer
  for each row when (old.status is distinct from new.status) execute function volunteers.recheck_renewal();

${UNREMINDED_RENEWALS_FILL};
-- Statistics of the due index's expression now: without them the planner guessed a third of the
-- table due and hashed every notification (190 ms) where looking up the thousand or so rows takes 5–40 ms.
analyze volunteers.renewal_unreminded;
`;
}

/**
 * Folds the volunteers appended to the queue since the last sweep into
 * `volunteers.renewal_unreminded`; returns how many were looked at. One
 * sweep at a time (an advisory lock): a sweep computing from an older
 * snapshot must not overwrite a newer one's rows.
 */
export async function recheckRenewals(em: EntityManager): Promise<number> {
  return em.transactional(async (tx) => {
    await sql(tx, `select pg_advisory_xact_lock(hashtext('volunteers.renewal_unreminded'))`);
    // One statement, one snapshot: it sees every write whose id it takes from the queue.
    const [row] = await sql<{ rechecked: string }>(
      tx,
      `with taken as (delete from volunteers.renewal_recheck returning volunteer_id),
       rechecked as materialized (select distinct volunteer_id from taken),
       unreminded as materialized (${unremindedOf('rechecked')}),
       dropped as (
         delete from volunteers.renewal_unreminded u
         where u.volunteer_id in (select volunteer_id from rechecked)
           and not exists (select 1 from unreminded r where r.volunteer_id = u.volunteer_id)),
       kept as (
         insert into volunteers.renewal_unreminded (volunteer_id, valid_until)
         select volunteer_id, valid_until from unreminded
         on conflict (volunteer_id) do update set valid_until = excluded.valid_until
         where renewal_unreminded.valid_until <> excluded.valid_until)
       select count(*)::text as rechecked from rechecked`,
    );
    return Number(row?.rechecked ?? 0);
  });
}
