/**
 * A volunteer's answer to an alert (from the app or by SMS), and what follows
 * from it: once enough have accepted the rest are stood down; a decline
 * alerts the next nearest volunteer when the region's policy says so.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound } from '../../../common/errors.ts';
import { recordAlertUpdates, standDownAlerts } from './alert-writes.ts';
import { recordIncidentEvents } from '../incidents/incident-events.ts';
import { AlertKind, AlertStatus, AlertUpdateKind, StandDownReason } from './alert.entity.ts';
import { lockFeeds } from './feeds.ts';
import { IncidentEventKind } from '../incidents/incident-event.entity.ts';
import { IncidentStatus, type PolicySnapshot } from '../incidents/incident.entity.ts';
import { addJob, Job } from '../jobs.ts';
import type { SentAlert } from '../dispatch/selection.ts';
import { sql } from '../../../common/sql.ts';
import { volunteersToStandDown } from '../dispatch/stand-down.ts';

/** What a volunteer answers. */
export enum AlertResponse {
  ACCEPT = 'ACCEPT',
  DECLINE = 'DECLINE',
  /** Arrived at the patient (also counts as accepting). */
  ON_SCENE = 'ON_SCENE',
}

const TARGET: Record<AlertResponse, AlertStatus> = {
  [AlertResponse.ACCEPT]: AlertStatus.ACCEPTED,
  [AlertResponse.DECLINE]: AlertStatus.DECLINED,
  [AlertResponse.ON_SCENE]: AlertStatus.ON_SCENE,
};

/**
 * The statuses an answer may move an alert from. Answering the same twice
 * changes nothing (an SMS "JA" redelivered by the network). Someone who
 * accepted may still drop out (the car does not start); a decline is final,
 * because the next volunteer may already be alerted in their place; an
 * alert stood down stays stood down.
 */
const ALLOWED_FROM: Record<AlertStatus, readonly AlertStatus[]> = {
  [AlertStatus.PENDING]: [],
  [AlertStatus.ACCEPTED]: [AlertStatus.PENDING],
  [AlertStatus.ON_SCENE]: [AlertStatus.PENDING, AlertStatus.ACCEPTED],
  [AlertStatus.DECLINED]: [AlertStatus.PENDING, AlertStatus.ACCEPTED],
  [AlertStatus.STOOD_DOWN]: [],
};

const EVENT: Record<AlertResponse, IncidentEventKind> = {
  [AlertResponse.ACCEPT]: IncidentEventKind.ACCEPTED,
  [AlertResponse.DECLINE]: IncidentEventKind.DECLINED,
  [AlertResponse.ON_SCENE]: IncidentEventKind.ON_SCENE,
};

interface AlertRow {
  id: string;
  incident_id: string | null;
  volunteer_id: string;
  kind: AlertKind;
  status: AlertStatus;
  task: 'CPR' | 'FETCH_AED' | null;
  aed_id: string | null;
  rank: number | null;
}

/** An alert's status as the stand-down and next-to-alert rules read it. */
export function asSentAlert(row: Pick<AlertRow, 'volunteer_id' | 'task' | 'aed_id' | 'status'>): SentAlert {
  const response = row.status === AlertStatus.ON_SCENE ? 'ACCEPTED' : row.status === AlertStatus.ACCEPTED ? 'ACCEPTED' : row.status;
  return { volunteerId: row.volunteer_id, task: row.task ?? 'CPR', aedId: row.aed_id, response: response as SentAlert['response'] };
}

/**
 * Records a volunteer's answer to their alert. The caller has checked that
 * the answer comes from the alerted volunteer. `onRecorded` runs in the same
 * transaction once the answer changed something (e.g. queueing the SMS that
 * confirms it), so it is committed with the answer, or not at all.
 *
 * @returns whether anything changed (false when the same answer was recorded before).
 * @throws NOT_FOUND for an unknown alert; BAD_USER_INPUT for a test alert;
 *   CONFLICT when the Incident has ended or the answer contradicts an earlier one.
 */
export async function respondToAlert(em: EntityManager, alertId: string, response: AlertResponse, onRecorded?: (tx: EntityManager) => Promise<void>): Promise<boolean> {
  return em.fork().transactional(async (tx) => {
    const [found] = await sql<AlertRow>(tx, 'select id, incident_id, kind from incidents.alert where id = ?', [alertId]);
    if (!found) throw notFound('Alert', alertId);
    if (found.kind === AlertKind.TEST || !found.incident_id) throw badInput('A test alert needs no answer.');
    // The Incident row lock serialises every change to one Incident (answers, closing), taken before the feed lock.
    const [incident] = await sql<{ status: IncidentStatus; policy: PolicySnapshot }>(tx, 'select status, policy from incidents.incident where id = ? for update', [
      found.incident_id,
    ]);
    if (incident!.status !== IncidentStatus.OPEN) {
      throw conflict(`The incident has been ${incident!.status === IncidentStatus.CLOSED ? 'closed' : 'cancelled'}; no answer is needed any more.`);
    }
    const [alert] = await sql<AlertRow>(tx, 'select id, incident_id, volunteer_id, kind, status, task, aed_id, rank from incidents.alert where id = ?', [alertId]);
    const target = TARGET[response];
    if (alert!.status === target) return false;
    if (!ALLOWED_FROM[target].includes(alert!.status)) {
      const why =
        alert!.status === AlertStatus.STOOD_DOWN
          ? 'You were stood down: enough others are on their way, or the alert ended.'
          : `The alert was already answered (${alert!.status}).`;
      throw conflict(why, { status: alert!.status });
    }
    await sql(
      tx,
      `update incidents.alert set status = ?, responded_at = coalesce(responded_at, now()),
         accepted_at = case when ? in ('ACCEPTED', 'ON_SCENE') then coalesce(accepted_at, now()) else accepted_at end,
         on_scene_at = case when ? = 'ON_SCENE' then now() else on_scene_at end
       where id = ?`,
      [target, target, target, alertId],
    );
    await lockFeeds(tx);
    await recordAlertUpdates(tx, [{ alertId, kind: AlertUpdateKind.RESPONSE_RECORDED }]);
    await recordIncidentEvents(tx, found.incident_id, [
      { kind: EVENT[response], alertId, volunteerId: alert!.volunteer_id, aedId: alert!.task === 'FETCH_AED' ? alert!.aed_id : null },
    ]);

    await onRecorded?.(tx);
    const policy = incident!.policy.dispatch;
    if (target === AlertStatus.DECLINED) {
      if (policy.alertNextOnDecline) await addJob(tx, Job.ALERT_NEXT, { alertId }, { jobKey: `alert-next:${alertId}` });
      return true;
    }
    const all = await sql<AlertRow>(tx, 'select id, incident_id, volunteer_id, kind, status, task, aed_id, rank from incidents.alert where incident_id = ? order by rank', [
      found.incident_id,
    ]);
    const standDown = new Set(volunteersToStandDown(all.map(asSentAlert), policy));
    await standDownAlerts(
      tx,
      found.incident_id,
      all.filter((row) => standDown.has(row.volunteer_id)).map((row) => row.id),
      StandDownReason.ENOUGH_RESPONDERS,
    );
    return true;
  });
}
