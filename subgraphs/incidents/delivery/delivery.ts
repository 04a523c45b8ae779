/**
 * The delivery ladder: how an alert reaches the volunteer's phone.
 *
 * An alert is pushed at once to every device the volunteer registered. The
 * app confirms it has the alert (`acknowledgeAlert`, or the alert feed
 * delivering it); an alert not confirmed within the policy's
 * `smsFallbackSeconds` goes out by SMS too (a job that runs then and checks
 * for the confirmation first). A volunteer without a device, or who chose
 * SMS always, gets the SMS at once: the ladder never delays anyone's first
 * message. Stand-downs are pushed to the devices too, and sent by SMS to
 * those whom the alert reached by SMS.
 *
 * Everything is queued in the transaction that commits the alerts, so a
 * restart between the two loses nothing; each push and SMS has a row that is
 * claimed before sending, so nothing is sent twice.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { recordIncidentEvents } from '../incidents/incident-events.ts';
import { deliveryOf, describeSummary, summarise, type AlertDelivery, type DeliveryFacts, type DeliverySummary } from './delivery-state.ts';
import { lockFeeds } from '../alerts/feeds.ts';
import { IncidentEventKind } from '../incidents/incident-event.entity.ts';
import { addJobs, addJobsSql, Job } from '../jobs.ts';
import { PUSH_JOB_ATTEMPTS, pushJobSpec, type DeliveryPurpose } from './push-delivery.ts';
import { SMS_ATTEMPTS, smsJobSpec } from '../channels/sms.ts';
import { sql, statement, toOptionalDate, uuidArray } from '../../../common/sql.ts';

/**
 * SQL (two CTEs, to follow `with` or a comma) that inserts the pushes of the
 * alerts named by the CTE `alertsCte` (columns `alert_id`, `volunteer_id`):
 * one row per device of each volunteer, for `purpose` (an SQL expression);
 * and, as `ladder`, per alert whether it has any, and whether its volunteer
 * chose SMS always. One fragment for a dispatch's own statement (the alerts'
 * insert: no round trip of its own under the feed lock) and for stand-downs.
 */
export function pushesAndLadder(alertsCte: string, purpose: string): string {
  return `pushes as (
     insert into incidents.push_delivery (alert_id, purpose, device_id, platform)
     select x.alert_id, ${purpose}::incidents.delivery_purpose, d.id, d.platform from ${alertsCte} x join incidents.device d on d.volunteer_id = x.volunteer_id
     on conflict do nothing
     returning alert_id
   ),
   ladder as (
     select x.alert_id, exists (select 1 from pushes p where p.alert_id = x.alert_id) as pushed, coalesce(s.sms_always, false) as sms_always
     from ${alertsCte} x left join incidents.alert_delivery_setting s on s.volunteer_id = x.volunteer_id
   )`;
}

const INSERT_PUSHES = statement(
  'incidents.insert-pushes',
  `with x as (select x.alert_id, x.volunteer_id from jsonb_to_recordset(?::jsonb) as x(alert_id uuid, volunteer_id uuid)),
   ${pushesAndLadder('x', '?')}
   select alert_id, pushed, sms_always from ladder`,
);

/** Per alert just inserted: whether it was pushed to any device, and whether its volunteer chose SMS always. */
export interface LadderFacts {
  alert_id: string;
  pushed: boolean;
  sms_always: boolean;
}

/** Pushes to be made: one row per device of each volunteer, in `tx`. Returns, per alert, whether it has any and whether its volunteer chose SMS always. */
async function insertPushes(tx: EntityManager, alerts: readonly { id: string; volunteerId: string }[], purpose: DeliveryPurpose) {
  return sql<LadderFacts>(tx, INSERT_PUSHES, [JSON.stringify(alerts.map((alert) => ({ alert_id: alert.id, volunteer_id: alert.volunteerId }))), purpose]);
}

/**
 * SQL (two CTEs, to follow a comma after {@link pushesAndLadder}'s `ladder`)
 * that queues the delivery of an Incident's new alerts in the statement that
 * inserts them: a push job for the alerts with devices (with each one's SMS,
 * sent at once should every push fail); the SMS at once for those without a
 * device, or whose volunteer chose SMS always; and for the rest an SMS job
 * that waits `fallback_seconds` (the policy's `smsFallbackSeconds`) for the
 * app's confirmation. The ladder is decided where the pushes are inserted, so
 * a dispatch commits its alerts and their jobs in one round trip.
 *
 * `messages` is a CTE of the alerts' SMS: `alert_id`, `rank` (the jobs list
 * them nearest first) and `sms` (`{alertId, to, text, purpose}`, null when the
 * volunteer has no phone number or the text could not be made). `delivery`
 * is a CTE of one row: `carrier` (jsonb: the trace the jobs follow, see
 * common/telemetry.ts), `queued_at` (ISO 8601) and `fallback_seconds`.
 */
export function alertDeliveryJobs(messages: string, delivery: string): string {
  return `ladder_sms as (
     select l.alert_id, m.rank, m.sms, l.pushed, l.sms_always from ladder l join ${messages} m on m.alert_id = l.alert_id
   ),
   delivery_jobs as (
     ${addJobsSql(`
       select '${Job.SEND_PUSH}' as identifier,
              (jsonb_build_object('purpose', 'ALERT', 'alertIds', jsonb_agg(x.alert_id order by x.rank),
                                  'fallbacks', coalesce(jsonb_object_agg(x.alert_id, x.sms - 'alertId' - 'purpose') filter (where x.sms is not null), '{}'))
               || d.carrier)::json as payload,
              null::timestamptz as run_at, ${PUSH_JOB_ATTEMPTS} as max_attempts, null::text as job_key
       from ladder_sms x cross join ${delivery} d where x.pushed group by d.carrier
       union all
       select '${Job.SEND_SMS}', (jsonb_build_object('messages', jsonb_agg(x.sms order by x.rank), 'queuedAt', d.queued_at) || d.carrier)::json,
              null, ${SMS_ATTEMPTS}, null
       from ladder_sms x cross join ${delivery} d where x.sms is not null and (not x.pushed or x.sms_always) group by d.carrier, d.queued_at
       union all
       select '${Job.SEND_SMS_FALLBACK}', (jsonb_build_object('messages', jsonb_agg(x.sms order by x.rank), 'queuedAt', d.queued_at) || d.carrier)::json,
              now() + make_interval(secs => d.fallback_seconds), ${SMS_ATTEMPTS}, null
       from ladder_sms x cross join ${delivery} d where x.sms is not null and x.pushed and not x.sms_always
       group by d.carrier, d.queued_at, d.fallback_seconds`)}
   )`;
}

/**
 * Queues stand-downs in `tx`'s transaction: pushed (not urgent) to the
 * volunteers' devices, and by SMS to those the alert reached by SMS (an
 * alert confirmed in the app before its SMS fallback needs no SMS stand-down).
 */
export async function queueStandDownDelivery(tx: EntityManager, alerts: readonly { id: string; volunteerId: string; phone: string | null; text: string }[]): Promise<void> {
  if (alerts.length === 0) return;
  const rows = await insertPushes(tx, alerts, 'STAND_DOWN');
  const bySms = new Set(
    (
      await sql<{ alert_id: string }>(
        tx,
        `select alert_id from incidents.sms_delivery where alert_id = any(?::uuid[]) and purpose = 'ALERT' and state in ('SENDING', 'SENT', 'DELIVERED')`,
        [uuidArray(alerts.map((alert) => alert.id))],
      )
    ).map((row) => row.alert_id),
  );
  const pushed = rows.filter((row) => row.pushed).map((row) => row.alert_id);
  const sms = alerts
    .filter((alert) => alert.phone && bySms.has(alert.id))
    .map((alert) => ({ alertId: alert.id, to: alert.phone!, text: alert.text, purpose: 'STAND_DOWN' as const }));
  await addJobs(tx, [...(pushed.length > 0 ? [pushJobSpec({ purpose: 'STAND_DOWN', alertIds: pushed })] : []), ...(sms.length > 0 ? [smsJobSpec(sms)] : [])]);
}

type FactsRow = {
  id: string;
  incident_id: string | null;
  acknowledged_at: string | Date | null;
  sms_possible: boolean;
  pushes: { state: DeliveryFacts['pushes'][number]['state']; reason: string | null }[];
  sms_state: NonNullable<DeliveryFacts['sms']>['state'] | null;
  sms_reason: string | null;
  sms_sent_at: string | Date | null;
  sms_delivered_at: string | Date | null;
};

/** An alert's delivery with the times the volunteer's app confirmed it and the SMS was sent and delivered. */
export interface AlertDeliveryView extends AlertDelivery {
  alertId: string;
  acknowledgedAt: Date | null;
  smsSentAt: Date | null;
  smsDeliveredAt: Date | null;
}

async function readDeliveries(em: EntityManager, where: string, param: unknown): Promise<AlertDeliveryView[]> {
  const rows = await sql<FactsRow>(
    em,
    `select a.id, a.incident_id, a.acknowledged_at, (a.phone is not null and a.kind = 'INCIDENT') as sms_possible,
            coalesce((select json_agg(json_build_object('state', p.state, 'reason', p.reason)) from incidents.push_delivery p
                      where p.alert_id = a.id and p.purpose = 'ALERT'), '[]'::json) as pushes,
            s.state as sms_state, s.reason as sms_reason, s.sent_at as sms_sent_at, s.delivered_at as sms_delivered_at
     from incidents.alert a left join incidents.sms_delivery s on s.alert_id = a.id and s.purpose = 'ALERT'
     where ${where}
     order by a.rank, a.created_at`,
    [param],
  );
  return rows.map((row) => ({
    alertId: row.id,
    ...deliveryOf({
      acknowledgedAt: toOptionalDate(row.acknowledged_at),
      pushes: row.pushes,
      sms: row.sms_state ? { state: row.sms_state, reason: row.sms_reason } : null,
      smsPossible: row.sms_possible,
    }),
    acknowledgedAt: toOptionalDate(row.acknowledged_at),
    smsSentAt: toOptionalDate(row.sms_sent_at),
    smsDeliveredAt: toOptionalDate(row.sms_delivered_at),
  }));
}

/** The deliveries of these alerts (in no particular order). */
export function deliveriesOf(em: EntityManager, alertIds: readonly string[]): Promise<AlertDeliveryView[]> {
  return readDeliveries(em, 'a.id = any(?::uuid[])', uuidArray(alertIds));
}

/** How an Incident's alerts reached the phones, now. */
export async function deliverySummaryOf(em: EntityManager, incidentId: string): Promise<DeliverySummary> {
  return summarise(await readDeliveries(em, 'a.incident_id = ?', incidentId));
}

/**
 * Adds a DELIVERY entry, with the summary as it now is, to the timelines of
 * these Incidents. Called after the change it reports has committed; the
 * entry is news derived from the stored state (Incident.delivery is always
 * current). The news of every caller within {@link NEWS_DELAY_MS} is written
 * together, in a transaction of its own: a dispatch's SMS job reports its
 * thirty SMS as the frames of the same dispatch pass through the gateway,
 * and the news, which takes the feed lock, waits until they are out.
 * Resolves once the entries are committed.
 */
export async function recordDeliveryNews(em: EntityManager, incidentIds: Iterable<string | null>): Promise<void> {
  const unique = [...new Set([...incidentIds].filter((id): id is string => id !== null))];
  if (unique.length === 0) return;
  const batcher = gathered(deliveryNews, em, NEWS_DELAY_MS, (ids) => writeDeliveryNews(em, ids));
  await Promise.all(unique.map((id) => batcher.load(id)));
}

/**
 * The batcher of `batchers` for `em`'s database connection: ids given to it
 * within `delayMs` of the first are written together by `write` (shared by
 * every caller of the process on that connection).
 */
function gathered(
  batchers: WeakMap<object, DataLoader<string, void>>,
  em: EntityManager,
  delayMs: number,
  write: (ids: readonly string[]) => Promise<unknown>,
): DataLoader<string, void> {
  const connection = em.getConnection();
  let batcher = batchers.get(connection);
  if (!batcher) {
    batcher = new DataLoader<string, void>(
      async (ids) => {
        await write(ids);
        return ids.map(() => undefined);
      },
      { cache: false, maxBatchSize: 500, batchScheduleFn: (run) => setTimeout(run, delayMs) },
    );
    batchers.set(connection, batcher);
  }
  return batcher;
}

/** One batcher of DELIVERY news per database connection, shared by every caller of the process. */
const deliveryNews = new WeakMap<object, DataLoader<string, void>>();

/** How long DELIVERY news gathers before it is written (see {@link recordDeliveryNews}); the dispatcher sees it that much later. */
const NEWS_DELAY_MS = 20;

/**
 * Writes the DELIVERY entries of these Incidents in one transaction. Holding
 * nothing else while it waits for the Incidents' rows and then the feed
 * lock, in that order as every feed writer does, it cannot deadlock with an
 * answer or a stand-down.
 */
async function writeDeliveryNews(em: EntityManager, incidentIds: readonly string[]): Promise<void> {
  const unique = [...new Set(incidentIds)].sort();
  await em.fork().transactional(async (tx) => {
    await sql(tx, 'select id from incidents.incident where id = any(?::uuid[]) order by id for key share', [uuidArray(unique)]);
    await lockFeeds(tx);
    for (const incidentId of unique) {
      const summary = await deliverySummaryOf(tx, incidentId);
      await recordIncidentEvents(tx, incidentId, [{ kind: IncidentEventKind.DELIVERY, detail: describeSummary(summary) }]);
    }
  });
}

/**
 * Records that the volunteer's app has these alerts (the first time counts;
 * later confirmations change nothing) and tells the dispatchers.
 *
 * @returns the alerts that were confirmed now.
 */
export async function acknowledgeAlerts(em: EntityManager, alertIds: readonly string[]): Promise<string[]> {
  if (alertIds.length === 0) return [];
  const rows = await sql<{ id: string; incident_id: string | null }>(
    em.fork(),
    'update incidents.alert set acknowledged_at = now() where id = any(?::uuid[]) and acknowledged_at is null returning id, incident_id',
    [uuidArray(alertIds)],
  );
  await recordDeliveryNews(
    em,
    rows.map((row) => row.incident_id),
  );
  return rows.map((row) => row.id);
}

/** One batcher of confirmations per database connection, shared by every alert feed of the process. */
const confirmations = new WeakMap<object, DataLoader<string, void>>();

/**
 * How long confirmations gather before they are written. The frames of a
 * dispatch are still on their way through the gateway when the incidents
 * subgraph has written them; its two confirming transactions (an update,
 * then the DELIVERY entry under the feed lock) would take the thread and the
 * database from them. Nothing waits on a confirmation that briefly: the SMS
 * fallback waits seconds for it, and the dispatcher sees DELIVERY 20 ms later.
 */
const CONFIRMATION_DELAY_MS = 20;

/**
 * Confirms alerts whose ALERTED frames a feed is delivering (the frame
 * reaching the app counts as its confirmation, see {@link acknowledgeAlerts}),
 * without holding the frames back: the call returns at once, and the alerts
 * of every feed woken together (a dispatch wakes thirty) are confirmed
 * together, with one DELIVERY entry on the timeline. Confirming each
 * volunteer's alert before handing over their frame took a transaction under
 * the feed lock per volunteer, so the thirtieth frame waited for twenty-nine
 * of them (docs/performance/dispatch.md). They are written
 * {@link CONFIRMATION_DELAY_MS} later, once the frames are out. A failure is passed to `onError`;
 * the SMS fallback then goes out as if the app had not confirmed.
 */
export function confirmDelivered(em: EntityManager, alertIds: readonly string[], onError: (error: unknown) => void): void {
  if (alertIds.length === 0) return;
  const batcher = gathered(confirmations, em, CONFIRMATION_DELAY_MS, (ids) => acknowledgeAlerts(em, ids));
  void Promise.all(alertIds.map((id) => batcher.load(id))).catch(onError);
}
