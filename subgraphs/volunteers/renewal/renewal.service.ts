/**
 * Keeping volunteers alertable: who should renew their certificate (from two
 * months before it expires), the reminder each of them receives once per
 * expiry date, and a forecast of how many volunteers stop being alertable
 * within the coming months unless they renew.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { badInput } from '../../../common/errors.ts';
import { KEY_SEPARATOR, KEYS_PER_PAYLOAD } from '../../../common/notifications.ts';
import { markPhase } from '../../../common/phases.ts';
import { ruleCertificateOf, ruleInputOf } from '../candidates/alertability.ts';
import {
  DEFAULT_FORECAST_HORIZONS_MONTHS,
  RENEWAL_REMINDER_MONTHS_BEFORE_EXPIRY,
  certificateValidUntil,
  forecastCertificateLapses,
  isRenewalReminderDue,
  renewalReminderFrom,
  type TrainingCertificate as RuleCertificate,
} from '../candidates/eligibility.ts';
import { addMonths, localDateOf, type LocalDate } from '../../../common/zoned-time.ts';
import { sql, toDate } from '../../../common/sql.ts';
import type { TrainingCertificate } from '../certificates/training-certificate.entity.ts';
import { Volunteer, VolunteerStatus } from '../registration/volunteer.entity.ts';
import { rosterOf, rosterOfMunicipalities, type RuleRosterEntry } from '../registration/volunteer-roster.ts';
import { recheckRenewals } from './unreminded-renewals.ts';

/** LISTEN channel of volunteer notifications; the payload is the volunteer id. */
export const NOTIFICATIONS_CHANNEL = 'volunteers_notifications';

/** A volunteer who should renew, with the certificate that runs out. */
export interface CertificateRenewal {
  volunteer: Volunteer;
  /** Their certificate that runs longest (the one to renew). */
  certificate: TrainingCertificate;
  validUntil: LocalDate;
  /** First day the reminder was due. */
  remindFrom: LocalDate;
  /** The certificate is past its valid-until date (grace periods aside). */
  expired: boolean;
}

/** A notification as the subscription delivers it. */
export interface VolunteerNotificationRow {
  id: string;
  sequence: string;
  volunteerId: string;
  kind: string;
  referenceDate: LocalDate;
  message: string;
  createdAt: Date;
}

/**
 * The active volunteers (of `municipalityIds`, or everywhere when null)
 * whose latest certificate expires within two months of `at`, or has
 * expired, soonest first. SQL finds them by the rule's dates; the rule
 * (`isRenewalReminderDue`) decides again on the entities.
 */
export async function certificateRenewalsDue(em: EntityManager, municipalityIds: readonly string[] | null, at: Date): Promise<CertificateRenewal[]> {
  return renewalsOf(em, municipalityIds, at);
}

/**
 * The ids (in id order) of the active volunteers of `municipalityIds` (all
 * when null) whose latest certificate calls for a reminder at `at`, by the
 * rule's own reckoning (`isRenewalReminderDue`): PostgreSQL subtracts months
 * as `addMonths` does (30 April less two months is 28 February, and a
 * course date plus a year falls on 28 February as `addYears` has it), so
 * no volunteer not yet due is let through (with a day's slack, as it was,
 * some 1,000 of a national register passed that the rule then turned away).
 */
async function renewalCandidates(em: EntityManager, municipalityIds: readonly string[] | null, at: Date): Promise<{ id: string }[]> {
  return sql<{ id: string }>(
    em,
    `select v.id from volunteers.volunteer v
     cross join lateral (
       select max(coalesce(c.valid_until, (c.course_date + interval '1 year')::date)) as latest
       from volunteers.training_certificate c where c.volunteer_id = v.id) certificate
     where v.status = 'ACTIVE' and certificate.latest is not null
       and ($2::uuid[] is null or v.municipality_id = any($2::uuid[]))
       and (certificate.latest - interval '${RENEWAL_REMINDER_MONTHS_BEFORE_EXPIRY} months')::date <= timezone(v.time_zone, $1::timestamptz)::date
     order by v.id`,
    [at, municipalityIds],
  );
}

/**
 * The ids (in id order) of every active volunteer whose reminder is due at
 * `at` (as {@link renewalCandidates} finds them) and not yet sent: what the
 * hourly sweep has to do, read from `volunteers.renewal_unreminded`
 * (unreminded-renewals.ts: each ACTIVE volunteer's latest expiry as long as
 * they have had no reminder of it) once the sweep has folded in what changed.
 * Its index gives the volunteers whose reminder is due by today in the
 * zone furthest ahead (a local date is at most a day ahead of UTC's); only
 * those are looked up in the register, by id, for their status, clock and
 * the exact rule (PostgreSQL's month arithmetic is `addMonths`'s). Taking
 * every volunteer's latest expiry again, as before, cost 0.8–1.1 s of SQL per
 * sweep on a national register with nothing to send. All ids at once rather
 * than a batch at a time: a first sweep after an import finds some 170,000.
 */
async function unremindedRenewals(em: EntityManager, at: Date): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    em,
    `select v.id from volunteers.renewal_unreminded u
     cross join lateral (
       -- offset 0 keeps this a look-up by id per row left: flattened, the planner may walk the whole register to merge.
       select v.id from volunteers.volunteer v
       where v.id = u.volunteer_id and v.status = 'ACTIVE'
         and (u.valid_until - interval '${RENEWAL_REMINDER_MONTHS_BEFORE_EXPIRY} months')::date <= timezone(v.time_zone, $1::timestamptz)::date
       offset 0) v
     where (u.valid_until - interval '${RENEWAL_REMINDER_MONTHS_BEFORE_EXPIRY} months')::date <= ($1::timestamptz at time zone 'UTC')::date + 1
       and not exists (
         select 1 from volunteers.volunteer_notification n
         where n.volunteer_id = u.volunteer_id and n.kind = 'CERTIFICATE_RENEWAL_DUE' and n.reference_date = u.valid_until)
     order by v.id`,
    [at],
  );
  return rows.map((row) => row.id);
}

/** {@link certificateRenewalsDue}: the candidates as entities, the rule deciding again. */
async function renewalsOf(em: EntityManager, municipalityIds: readonly string[] | null, at: Date): Promise<CertificateRenewal[]> {
  if (municipalityIds !== null && municipalityIds.length === 0) return [];
  const candidates = await renewalCandidates(em, municipalityIds, at);
  if (candidates.length === 0) return [];
  const volunteers = await em.find(Volunteer, { id: { $in: candidates.map((row) => row.id) }, status: VolunteerStatus.ACTIVE });
  const renewals: CertificateRenewal[] = [];
  for (const { volunteer, certificates } of await rosterOf(em, volunteers)) {
    const rule = ruleInputOf(volunteer, certificates).certificates;
    if (!isRenewalReminderDue(rule, at, volunteer.timeZone)) continue;
    let latest = 0;
    rule.forEach((certificate, index) => {
      if (certificateValidUntil(certificate) > certificateValidUntil(rule[latest]!)) latest = index;
    });
    const validUntil = certificateValidUntil(rule[latest]!);
    renewals.push({
      volunteer,
      certificate: certificates[latest]!,
      validUntil,
      remindFrom: renewalReminderFrom(rule[latest]!),
      expired: validUntil < localDateOf(at, volunteer.timeZone),
    });
  }
  return renewals.sort((a, b) => a.validUntil.localeCompare(b.validUntil) || a.volunteer.id.localeCompare(b.volunteer.id));
}

/** A reminder the sweep is to send: the volunteer and the expiry date it is about. */
interface DueReminder {
  volunteerId: string;
  validUntil: LocalDate;
  expired: boolean;
}

function reminderText(renewal: DueReminder): string {
  return renewal.expired
    ? `Your training certificate expired on ${renewal.validUntil}. Take a refresher course and add the new certificate to be alerted again.`
    : `Your training certificate is valid until ${renewal.validUntil}. Book a refresher course before then to stay alertable.`;
}

/**
 * The reminders due among one batch of candidates (see {@link unremindedRenewals}),
 * decided by the rule (`isRenewalReminderDue`) on their certificates as read in
 * one query: only the columns the rule reads, no entities. The first sweep
 * after an import has a reminder for a third of a national register (some
 * 170,000 volunteers); loading each batch as entities took two thirds of its
 * time, and the sweep shares its process with dispatch.
 */
async function dueRemindersOf(em: EntityManager, volunteerIds: readonly string[], at: Date): Promise<DueReminder[]> {
  const rows = await sql<{ volunteer_id: string; time_zone: string; course_date: string; valid_until: string | null; verified: boolean }>(
    em,
    `select c.volunteer_id::text as volunteer_id, v.time_zone, c.course_date::text as course_date, c.valid_until::text as valid_until,
            c.verified_at is not null as verified
     from volunteers.training_certificate c join volunteers.volunteer v on v.id = c.volunteer_id
     where c.volunteer_id = any($1::uuid[]) and v.status = 'ACTIVE'`,
    [volunteerIds],
  );
  const byVolunteer = new Map<string, { timeZone: string; certificates: RuleCertificate[] }>();
  for (const row of rows) {
    const entry = byVolunteer.get(row.volunteer_id) ?? { timeZone: row.time_zone, certificates: [] };
    entry.certificates.push({ courseDate: row.course_date, validUntil: row.valid_until, verified: row.verified });
    byVolunteer.set(row.volunteer_id, entry);
  }
  const due: DueReminder[] = [];
  for (const [volunteerId, { timeZone, certificates }] of byVolunteer) {
    if (!isRenewalReminderDue(certificates, at, timeZone)) continue;
    // ISO dates sort as they fall: the last is the latest.
    const validUntil = certificates.map(certificateValidUntil).sort().at(-1)!;
    due.push({ volunteerId, validUntil, expired: validUntil < localDateOf(at, timeZone) });
  }
  return due;
}

/**
 * How many volunteers the hourly sweep looks at a time: the volunteers
 * subgraph also answers dispatch's candidate searches, which must not wait
 * behind one long stretch of work on a country's worth of certificates.
 */
const RENEWAL_SWEEP_BATCH = 1_000;

/**
 * Sends the renewal reminders due at `at`: one notification per volunteer
 * and expiry date, each batch committed with its NOTIFYs in one transaction (so
 * a subscriber hears of it only once it is there). Volunteers already
 * reminded of their latest expiry are skipped in SQL, so the hourly sweep
 * after the first costs little. Safe to run more than once and on several
 * instances at a time; returns how many were sent now.
 */
export async function sendDueRenewalReminders(em: EntityManager, at: Date): Promise<number> {
  const rechecked = await recheckRenewals(em.fork());
  markPhase('volunteers', 'renewal.rechecked', undefined, { rechecked });
  const candidates = await unremindedRenewals(em.fork(), at);
  markPhase('volunteers', 'renewal.candidates-read', undefined, { candidates: candidates.length });
  let sent = 0;
  for (let start = 0; start < candidates.length; start += RENEWAL_SWEEP_BATCH) {
    const batch = candidates.slice(start, start + RENEWAL_SWEEP_BATCH);
    const due = await dueRemindersOf(em.fork(), batch, at);
    markPhase('volunteers', 'renewal.batch-read', undefined, { candidates: batch.length, due: due.length });
    sent += await sendRenewalReminders(em.fork(), due, at);
    markPhase('volunteers', 'renewal.batch-sent');
  }
  return sent;
}

async function sendRenewalReminders(em: EntityManager, due: readonly DueReminder[], at: Date): Promise<number> {
  if (due.length === 0) return 0;
  return em.transactional(async (tx) => {
    // Serialises writers until commit, so the cursor order is the commit order (see durableFeed).
    await sql(tx, `select pg_advisory_xact_lock(hashtext('volunteers.volunteer_notification.sequence'))`);
    const sent = await sql<{ volunteer_id: string }>(
      tx,
      `insert into volunteers.volunteer_notification (id, volunteer_id, kind, reference_date, message, created_at)
       select id, volunteer_id, 'CERTIFICATE_RENEWAL_DUE', reference_date, message, $5
       from unnest($1::uuid[], $2::uuid[], $3::date[], $4::text[]) as due(id, volunteer_id, reference_date, message)
       on conflict (volunteer_id, kind, reference_date) do nothing
       returning volunteer_id`,
      [due.map(() => randomUUID()), due.map((renewal) => renewal.volunteerId), due.map((renewal) => renewal.validUntil), due.map(reminderText), at],
    );
    // Each of them now has a notification of that expiry (sent now or before): off the sweep's list, with it.
    await sql(
      tx,
      `delete from volunteers.renewal_unreminded u
       using unnest($1::uuid[], $2::date[]) as reminded(volunteer_id, valid_until)
       where u.volunteer_id = reminded.volunteer_id and u.valid_until = reminded.valid_until`,
      [due.map((renewal) => renewal.volunteerId), due.map((renewal) => renewal.validUntil)],
    );
    if (sent.length > 0) {
      // One NOTIFY names up to KEYS_PER_PAYLOAD volunteers (common/notifications.ts): a batch wakes its subscribers with a few, not a thousand.
      await sql(
        tx,
        `select count(pg_notify($1, keys)) from (
           select string_agg(volunteer_id::text, '${KEY_SEPARATOR}') as keys
           from (select volunteer_id, (row_number() over () - 1) / ${KEYS_PER_PAYLOAD} as part from unnest($2::uuid[]) as sent(volunteer_id)) as numbered
           group by part) as payloads`,
        [NOTIFICATIONS_CHANNEL, sent.map((row) => row.volunteer_id)],
      );
    }
    return sent.length;
  });
}

function notificationOf(row: Record<string, unknown>): VolunteerNotificationRow {
  return {
    id: row.id as string,
    sequence: String(row.sequence),
    volunteerId: row.volunteer_id as string,
    kind: row.kind as string,
    referenceDate: row.reference_date as string,
    message: row.message as string,
    createdAt: toDate(row.created_at),
  };
}

/** The volunteer's notifications after `cursor`, in cursor order. */
export async function notificationsAfter(em: EntityManager, volunteerId: string, cursor: bigint, limit: number): Promise<VolunteerNotificationRow[]> {
  const rows = await sql(
    em,
    `select id, sequence, volunteer_id, kind, reference_date::text as reference_date, message, created_at
     from volunteers.volunteer_notification where volunteer_id = $1 and sequence > $2 order by sequence limit $3`,
    [volunteerId, cursor.toString(), limit],
  );
  return rows.map(notificationOf);
}

/** The highest notification cursor so far. */
export async function latestNotificationCursor(em: EntityManager): Promise<bigint> {
  const [row] = await sql<{ latest: string | null }>(em, 'select max(sequence)::text as latest from volunteers.volunteer_notification');
  return BigInt(row?.latest ?? 0);
}

/** Horizons of a forecast: whole months from 1 to 24, at most 12 of them. */
export function checkHorizons(months: readonly number[] | null | undefined): number[] {
  const horizons = months ?? [...DEFAULT_FORECAST_HORIZONS_MONTHS];
  if (horizons.length === 0 || horizons.length > 12 || horizons.some((month) => !Number.isInteger(month) || month < 1 || month > 24)) {
    throw badInput('months must list 1 to 12 horizons, each a whole number of months from 1 to 24.', { field: 'months' });
  }
  return [...horizons];
}

/** A forecast horizon: how many of today's alertable volunteers lapse by its end, and who. */
export interface LapseForecast {
  months: number;
  through: LocalDate;
  count: number;
  volunteerIds: string[];
}

/**
 * How many volunteers of the municipalities become non-alertable within each
 * horizon unless they renew (`forecastCertificateLapses`, per time zone and
 * grace period, summed). Days are counted in the volunteers' time zone
 * (UTC when there are none).
 */
export async function forecastLapses(em: EntityManager, municipalityIds: readonly string[], at: Date, months: readonly number[]): Promise<LapseForecast[]> {
  return forecastLapsesOf(await rosterOfMunicipalities(em, municipalityIds), at, months);
}

/**
 * {@link forecastLapses} of registered volunteers already read. An entry
 * with a `count` is a class of that many volunteers the rule cannot tell
 * apart (`ruleClassesOfMunicipalities`): it counts that many times, and
 * its id is not a volunteer's.
 */
export function forecastLapsesOf(roster: readonly (RuleRosterEntry & { count?: number })[], at: Date, months: readonly number[]): LapseForecast[] {
  const groups = new Map<string, (RuleRosterEntry & { count?: number })[]>();
  for (const entry of roster) {
    const key = `${entry.volunteer.timeZone} ${entry.certificateGracePeriodDays}`;
    // Appended in place: copying the group for every volunteer made a national roster quadratic.
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(entry);
  }
  const totals: LapseForecast[] = months.map((horizon) => ({
    months: horizon,
    through: addMonths(localDateOf(at, roster[0]?.volunteer.timeZone ?? 'UTC'), horizon),
    count: 0,
    volunteerIds: [],
  }));
  for (const entries of groups.values()) {
    const { timeZone } = entries[0]!.volunteer;
    const forecast = forecastCertificateLapses(
      entries.map(({ volunteer, certificates }) => ({
        id: volunteer.id,
        dateOfBirth: volunteer.dateOfBirth!,
        status: volunteer.status,
        certificates: certificates.map(ruleCertificateOf),
      })),
      at,
      { timeZone, certificateGracePeriodDays: entries[0]!.certificateGracePeriodDays },
      months,
    );
    const counts = new Map(entries.map(({ volunteer, count = 1 }) => [volunteer.id, count]));
    forecast.forEach((horizon, index) => {
      for (const id of horizon.volunteerIds) totals[index]!.count += counts.get(id)!;
      totals[index]!.volunteerIds.push(...horizon.volunteerIds);
    });
  }
  return totals;
}
