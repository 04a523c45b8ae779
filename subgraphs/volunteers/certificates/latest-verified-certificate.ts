/**
 * Each volunteer's latest verified certificate end, kept by the certificate
 * writes in `volunteers.latest_verified_certificate` (one row per volunteer
 * with a verified certificate), so that the daily readiness snapshot groups
 * the register with one join (`ruleClassesOfMunicipalities`) instead of
 * taking every volunteer's `max` over the 650,000 certificates of a national
 * register again each day (docs/performance/dispatch.md, section 2g). A table
 * of its own rather than a column of `volunteers.volunteer`: filling a column
 * rewrote every volunteer's row, 26 s under a lock that kept dispatch from
 * reading the register, and doubled the table until it was vacuumed.
 *
 * Statement-level triggers on `volunteers.training_certificate` (insert,
 * update, delete, truncate; transition tables) recompute the row of each
 * volunteer the statement touched, in the writing transaction. They first
 * take those volunteers' rows for update, in id order, and read in a
 * statement of their own: two transactions writing one volunteer's
 * certificates wait for each other there, and the later one reads the
 * earlier one's certificates once it has committed (read committed takes a
 * new snapshot per statement), so neither leaves an older `max` behind. A
 * certificate recorded before its volunteer (the foreign key is checked at
 * commit) has its row written all the same.
 */
import { statementTriggers } from '../../../common/statement-triggers.ts';
import { LATEST_VERIFIED_VALID_UNTIL_SQL } from '../registration/volunteer-roster.ts';

/** The kept rows of the volunteers of `ids` (a relation with a `volunteer_id` column) made what the certificates say. */
function recomputeOf(ids: string): string {
  return `
    with latest as (
      select ids.volunteer_id, (select ${LATEST_VERIFIED_VALID_UNTIL_SQL} from volunteers.training_certificate c where c.volunteer_id = ids.volunteer_id) as valid_until
      from (select distinct volunteer_id from ${ids}) ids
    ), gone as (
      delete from volunteers.latest_verified_certificate k using latest l where k.volunteer_id = l.volunteer_id and l.valid_until is null
    )
    insert into volunteers.latest_verified_certificate (volunteer_id, valid_until)
    select volunteer_id, valid_until from latest where valid_until is not null
    on conflict (volunteer_id) do update set valid_until = excluded.valid_until
    where latest_verified_certificate.valid_until <> excluded.valid_until`;
}

/** The table's rows as the certificates recorded say they should be. */
export const LATEST_VERIFIED_CERTIFICATES = `select c.volunteer_id, ${LATEST_VERIFIED_VALID_UNTIL_SQL} as valid_until from volunteers.training_certificate c
group by c.volunteer_id having ${LATEST_VERIFIED_VALID_UNTIL_SQL} is not null`;

/**
 * Those rows written, as the triggers would have left them: the migration's
 * first fill, and a bulk load's (the data set generator loads with the
 * triggers off).
 */
export const LATEST_VERIFIED_CERTIFICATES_FILL = `insert into volunteers.latest_verified_certificate (volunteer_id, valid_until)
${LATEST_VERIFIED_CERTIFICATES}`;

/**
 * The table, the triggers that keep it, and the rows of the certificates
 * already recorded (certificate writers locked out meanwhile, so none is
 * missed).
 */
export function latestVerifiedCertificateDdl(): string {
  return `
lock table volunteers.training_certificate in share row exclusive mode;

create table volunteers.latest_verified_certificate (
  volunteer_id uuid primary key,
  -- The latest end among the volunteer's verified certificates (LATEST_VERIFIED_VALID_UNTIL_SQL); no row when none is verified.
  valid_until date not null
);

create function volunteers.keep_latest_verified_certificate() returns trigger language plpgsql as $fn$
declare
  touched uuid[];
begin
  if tg_op = 'TRUNCATE' then
    delete from volunteers.latest_verified_certificate;
    return null;
  elsif tg_op = 'INSERT' then
    select array_agg(volunteer_id) into touched from new_rows;
  elsif tg_op = 'UPDATE' then
    select array_agg(volunteer_id) into touched from (select volunteer_id from new_rows union all select volunteer_id from old_rows) changed;
  else
    select array_agg(volunteer_id) into touched from old_rows;
  end if;
  -- The volunteers' rows first, in a fixed order; the reading statement after, so its snapshot sees what a writer before us committed.
  perform 1 from volunteers.volunteer where id = any(touched) order by id for no key update;
  ${recomputeOf('(select unnest(touched) as volunteer_id) touched_ids')};
  return null;
end
$fn$;

${statementTriggers('latest_verified_certificate', 'volunteers.training_certificate', 'volunteers.keep_latest_verified_certificate')}

${LATEST_VERIFIED_CERTIFICATES_FILL};
analyze volunteers.latest_verified_certificate;
`;
}
