/**
 * Each volunteer's latest verified certificate end, kept on their row
 * (`volunteers.volunteer.latest_verified_valid_until`) by the certificate
 * writes, so that the daily readiness snapshot groups the register in one
 * scan of it (`ruleClassesOfMunicipalities`) instead of taking every
 * volunteer's `max` over the 650,000 certificates of a national register
 * again each day (about 1 s of the statement's 1.8 s:
 * docs/performance/dispatch.md, section 2g).
 *
 * Statement-level triggers on `volunteers.training_certificate` (insert,
 * update, delete, truncate; transition tables) recompute the value of each
 * volunteer the statement touched, in the writing transaction; one on
 * inserted volunteers takes theirs, for certificates recorded before their
 * volunteer in one transaction (the foreign key is deferred). A certificate
 * write takes the row of its volunteer anyway (the foreign key's share lock);
 * this takes it for update, in id order, before it reads, and reads in a
 * statement of its own: two transactions writing one volunteer's
 * certificates wait for each other there, and the later one reads the
 * earlier one's certificates once it has committed (read committed takes a
 * new snapshot per statement), so neither overwrites the other's with an
 * older `max`.
 */
import { LATEST_VERIFIED_VALID_UNTIL_SQL } from '../registration/volunteer-roster.ts';

/** The latest verified end of each volunteer of `ids` (a relation with a `volunteer_id` column), as the rule takes it. */
function recomputeOf(ids: string): string {
  return `
    update volunteers.volunteer v set latest_verified_valid_until = l.valid_until
    from (
      select ids.volunteer_id, (select ${LATEST_VERIFIED_VALID_UNTIL_SQL} from volunteers.training_certificate c where c.volunteer_id = ids.volunteer_id) as valid_until
      from (select distinct volunteer_id from ${ids}) ids) l
    where v.id = l.volunteer_id and v.latest_verified_valid_until is distinct from l.valid_until`;
}

/**
 * The column, the triggers that keep it, and its values for the volunteers
 * already registered (certificate writers locked out meanwhile, so none is
 * missed).
 */
export function latestVerifiedCertificateDdl(): string {
  return `
lock table volunteers.training_certificate in share row exclusive mode;

alter table volunteers.volunteer add column latest_verified_valid_until date;

create function volunteers.keep_latest_verified_certificate() returns trigger language plpgsql as $fn$
declare
  touched uuid[];
begin
  if tg_op = 'TRUNCATE' then
    update volunteers.volunteer set latest_verified_valid_until = null where latest_verified_valid_until is not null;
    return null;
  elsif tg_table_name = 'volunteer' then
    select array_agg(id) into touched from new_rows;
  elsif tg_op = 'INSERT' then
    select array_agg(volunteer_id) into touched from new_rows;
  elsif tg_op = 'UPDATE' then
    select array_agg(volunteer_id) into touched from (select volunteer_id from new_rows union all select volunteer_id from old_rows) changed;
  else
    select array_agg(volunteer_id) into touched from old_rows;
  end if;
  -- The rows first, in a fixed order; the reading statement after, so its snapshot sees what a writer before us committed.
  perform 1 from volunteers.volunteer where id = any(touched) order by id for no key update;
  ${recomputeOf('(select unnest(touched) as volunteer_id) touched_ids')};
  return null;
end
$fn$;

create trigger latest_verified_certificate_insert after insert on volunteers.training_certificate
  referencing new table as new_rows for each statement execute function volunteers.keep_latest_verified_certificate();
create trigger latest_verified_certificate_update after update on volunteers.training_certificate
  referencing old table as old_rows new table as new_rows for each statement execute function volunteers.keep_latest_verified_certificate();
create trigger latest_verified_certificate_delete after delete on volunteers.training_certificate
  referencing old table as old_rows for each statement execute function volunteers.keep_latest_verified_certificate();
create trigger latest_verified_certificate_truncate after truncate on volunteers.training_certificate
  for each statement execute function volunteers.keep_latest_verified_certificate();
-- The foreign key is checked at commit: a transaction may record certificates before their volunteer.
create trigger latest_verified_certificate_volunteer after insert on volunteers.volunteer
  referencing new table as new_rows for each statement execute function volunteers.keep_latest_verified_certificate();

update volunteers.volunteer v set latest_verified_valid_until = l.valid_until
from (select c.volunteer_id, ${LATEST_VERIFIED_VALID_UNTIL_SQL} as valid_until from volunteers.training_certificate c group by c.volunteer_id) l
where v.id = l.volunteer_id and l.valid_until is not null;
`;
}
