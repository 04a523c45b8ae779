/**
 * Guardian reminders: batteries and pads about to expire, checks falling due.
 * As a list (the `aedReminders` query) and as notifications, each sent once
 * ahead of the date and once more when it has passed: right after an AED's
 * dates change, and by an hourly sweep (workers.ts) as days go by.
 */
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../../common/sql.ts';
import type { AedSettings } from '../../../common/config.ts';
import { AedNotificationKind } from './aed-notification.entity.ts';
import { Aed } from '../registry/aed.entity.ts';
import { availabilityContextOf } from '../registry/aed.facts.ts';
import { aedPlaceName, notifyAed, notifyAeds, type AedNotifications, type NewAedNotification } from './notification.service.ts';
import { dueReminders, type GuardianReminder } from './readiness.ts';
import { readinessPolicy } from './settings.ts';
import { addDays, localDateOf } from '../../../common/zoned-time.ts';

/** An AED with what is due for it. */
export interface AedReminders {
  aed: Aed;
  reminders: GuardianReminder[];
}

/** Which AEDs a list of reminders covers. */
export type ReminderScope = { all: true } | { aedIds: string[]; municipalityIds: string[] };

/**
 * The last expiry date and the last check date that may make something due
 * within `withinDays` of `now`: a cheap superset in SQL (a day of slack for
 * time zones) that {@link dueReminders} then decides exactly in each AED's zone.
 */
function horizons(now: Date, withinDays: number, settings: AedSettings): { expiry: string; check: string } {
  const expiry = addDays(localDateOf(now, 'UTC'), withinDays + 1);
  return { expiry, check: addDays(expiry, -settings.checkIntervalDays) };
}

function maybeDue(now: Date, withinDays: number, settings: AedSettings): FilterQuery<Aed> {
  const { expiry, check } = horizons(now, withinDays, settings);
  return {
    $or: [{ batteryExpiresOn: { $lte: expiry } }, { padsExpireOn: { $lte: expiry } }, { lastCheckedOn: null }, { lastCheckedOn: { $lte: check } }],
  };
}

/** What is due within `withinDays` days for the AEDs in `scope`, most urgent AED first. */
export async function listReminders(em: EntityManager, scope: ReminderScope, now: Date, withinDays: number, settings: AedSettings): Promise<AedReminders[]> {
  const inScope: FilterQuery<Aed> = 'all' in scope ? {} : { $or: [{ id: { $in: scope.aedIds } }, { municipalityId: { $in: scope.municipalityIds } }] };
  const aeds = await em.find(Aed, { $and: [inScope, { decommissionedAt: null }, maybeDue(now, withinDays, settings)] }, { orderBy: { id: 'asc' } });
  const policy = readinessPolicy(settings);
  return aeds
    .map((aed) => ({ aed, reminders: dueReminders({ ...aed, location: availabilityContextOf(aed) }, now, withinDays, policy) }))
    .filter((entry) => entry.reminders.length > 0)
    .sort((a, b) => (a.reminders[0]!.daysLeft ?? -Infinity) - (b.reminders[0]!.daysLeft ?? -Infinity));
}

const PART: Record<'BATTERY_EXPIRY' | 'PADS_EXPIRY', [string, string, string]> = {
  BATTERY_EXPIRY: ['battery', 'expires', 'expired'],
  PADS_EXPIRY: ['pads', 'expire', 'expired'],
};

function days(count: number): string {
  return count === 0 ? 'today' : count === 1 ? 'tomorrow' : `in ${count} days`;
}

/** The sentence a guardian reads. */
export function reminderMessage(aed: Aed, reminder: GuardianReminder): string {
  const where = aedPlaceName(aed);
  if (reminder.kind === 'GUARDIAN_CHECK') {
    if (reminder.dueOn === null) return `The AED at ${where} has never been checked: it is out of dispatch until a guardian logs a check.`;
    return reminder.overdue
      ? `The check of the AED at ${where} was due on ${reminder.dueOn}: it is out of dispatch until a guardian logs a check.`
      : `A check of the AED at ${where} is due by ${reminder.dueOn} (${days(reminder.daysLeft!)}).`;
  }
  const [part, expires, expired] = PART[reminder.kind];
  return reminder.overdue
    ? `The ${part} of the AED at ${where} ${expired} on ${reminder.dueOn}: it is out of dispatch until they are replaced.`
    : `The ${part} of the AED at ${where} ${expires} on ${reminder.dueOn} (${days(reminder.daysLeft!)}): replace them before then to keep it in dispatch.`;
}

function notificationOf(aed: Aed, reminder: GuardianReminder): NewAedNotification {
  return {
    kind: AedNotificationKind[reminder.kind],
    dueOn: reminder.dueOn,
    overdue: reminder.overdue,
    message: reminderMessage(aed, reminder),
  };
}

/**
 * Writes the reminder notifications now due for `aed` inside `tx` (an open
 * transaction), if it has a guardian to remind; already sent ones are skipped.
 * @returns how many were new.
 */
export async function remindGuardians(tx: EntityManager, aed: Aed, now: Date, settings: AedSettings): Promise<number> {
  const [guardians] = await sql<{ count: string }>(tx, 'select count(*) as count from aeds.aed_guardian where aed_id = ?', [aed.id]);
  if (Number(guardians?.count ?? 0) === 0) return 0;
  const reminders = dueReminders({ ...aed, location: availabilityContextOf(aed) }, now, settings.reminderDays, readinessPolicy(settings));
  return notifyAed(
    tx,
    aed.id,
    reminders.map((reminder) => notificationOf(aed, reminder)),
  );
}

/** AEDs looked at together by a sweep: one read of them and of what they were already sent, one write of what is due. */
const SWEEP_BATCH = 500;

/**
 * One sweep over every AED with a guardian: sends the reminders that fell due
 * since the last one. Safe on several instances at once (each reminder is
 * written once). AEDs whose due reminders were all sent before are passed
 * over without a write: at national scale almost all of them, hour after
 * hour. What is due for a batch is written in one transaction and one
 * statement: the first sweep after an import or a long stop has a
 * reminder for some 20,000 AEDs of a national register, and one transaction
 * per AED kept the database busy for minutes (78 s on the national data set)
 * while the sweep shared its process with dispatch.
 * @returns how many notifications were new.
 */
export async function sweepReminders(em: EntityManager, now: Date, settings: AedSettings): Promise<number> {
  const { expiry, check } = horizons(now, settings.reminderDays, settings);
  const policy = readinessPolicy(settings);
  // Only AEDs with a reminder due (by dueReminders' own dates, on the AED's
  // clock) that was not sent before: at national scale some 20,000 AEDs have
  // something due hour after hour, all of it sent long ago, and loading them
  // as entities to find that out took 12–25 s per sweep. The rule still
  // decides below on what is left; this only has to leave nothing out.
  // Written as joins, not as a test per AED: one scan of the AEDs, their
  // guardians hashed, and each due reminder set against the sent ones in AED
  // order along the notifications' index (one pass), where probing the AEDs
  // one by one from their 42,000 guardians, then the notifications of each,
  // took 240–400 ms (docs/performance/dispatch.md, section 2g).
  const candidates = await em.fork().transactional(async (tx) => {
    // One process: its parallel workers would only compete with the start-up's other work and dispatch on a busy machine.
    await sql(tx, `select set_config('max_parallel_workers_per_gather', '0', true)`);
    return sql<{ id: string }>(
      tx,
      `select distinct a.id from aeds.aed a
     cross join lateral (select timezone(a.time_zone, $3::timestamptz)::date as today) local
     cross join lateral (values
       ('BATTERY_EXPIRY', a.battery_expires_on, false),
       ('PADS_EXPIRY', a.pads_expire_on, false),
       ('GUARDIAN_CHECK', a.last_checked_on + $4::int, $4::int is not null and a.last_checked_on is null)
     ) as due(kind, due_on, never_checked)
     where a.decommissioned_at is null and a.id in (select g.aed_id from aeds.aed_guardian g)
       and (a.battery_expires_on <= $1::date or a.pads_expire_on <= $1::date or a.last_checked_on is null or a.last_checked_on <= $2::date)
       and (due.never_checked or (due.due_on is not null and due.due_on - local.today <= $5::int))
       and not exists (
         select 1 from aeds.aed_notification n
         where n.aed_id = a.id and n.incident_id is null and n.kind = due.kind
           and (n.due_on = due.due_on or (n.due_on is null and due.due_on is null))
           and n.overdue = (due.never_checked or due.due_on < local.today))
     order by a.id`,
      [expiry, check, now, policy.maxCheckAgeDays, settings.reminderDays],
    );
  });
  const sentKey = (aedId: string, kind: string, dueOn: string | null, overdue: boolean) => `${aedId} ${kind} ${dueOn} ${overdue}`;
  let sent = 0;
  for (let start = 0; start < candidates.length; start += SWEEP_BATCH) {
    const ids = candidates.slice(start, start + SWEEP_BATCH).map((row) => row.id);
    const batch = em.fork();
    const aeds = await batch.find(Aed, { id: { $in: ids } });
    const sentBefore = await sql<{ aed_id: string; kind: string; due_on: string | null; overdue: boolean }>(
      batch,
      `select aed_id::text as aed_id, kind, due_on::text as due_on, overdue from aeds.aed_notification where incident_id is null and aed_id = any($1::uuid[])`,
      [ids],
    );
    const known = new Set(sentBefore.map((row) => sentKey(row.aed_id, row.kind, row.due_on, row.overdue)));
    const due: AedNotifications[] = [];
    for (const aed of aeds) {
      const reminders = dueReminders({ ...aed, location: availabilityContextOf(aed) }, now, settings.reminderDays, policy).filter(
        (reminder) => !known.has(sentKey(aed.id, AedNotificationKind[reminder.kind], reminder.dueOn, reminder.overdue)),
      );
      if (reminders.length > 0) due.push({ aedId: aed.id, notifications: reminders.map((reminder) => notificationOf(aed, reminder)) });
    }
    if (due.length > 0) sent += await em.fork().transactional((tx) => notifyAeds(tx, due));
  }
  return sent;
}
